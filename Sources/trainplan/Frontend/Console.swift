import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Standard output and standard error. Every write goes through `write(2)` in a loop: a
/// full disk (`> /dev/full`), a closed descriptor or any other failure is reported on
/// standard error, when that still works, and the tool exits 2 (never a trap). Control
/// characters other than line ends and tabs are written out (`String.visibleKeepingLines`):
/// a report never moves the terminal's cursor.
enum Console {
    static func error(_ text: String, terminator: String = "\n") {
        if !write((text + terminator).visibleKeepingLines, to: STDERR_FILENO) { exit(2) }
    }

    static func output(_ text: String) {
        guard write(text.visibleKeepingLines, to: STDOUT_FILENO) else {
            let reason = String(cString: strerror(errno))
            _ = write("trainplan: cannot write to standard output: \(reason)\n", to: STDERR_FILENO)
            exit(2)
        }
    }

    /// Whether standard error is a terminal: progress is shown only then.
    static let isTerminal = isatty(STDERR_FILENO) != 0

    /// One line of progress, rewritten in place on a terminal (`nil` clears it).
    static func progress(_ text: String?) {
        guard isTerminal else { return }
        _ = write("\r\u{1B}[K" + (text ?? ""), to: STDERR_FILENO)
    }

    /// Writes all of `text`; false when the descriptor refuses it.
    private static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
