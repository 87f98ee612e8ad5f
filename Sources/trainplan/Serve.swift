import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanProject
import TrainPlanWorkspace

extension TrainPlan {
    /// `trainplan serve`: the local web workspace.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the workspace: edit plans with live findings in a web browser.",
            discussion: """
                Serves this project folder on http://127.0.0.1:8080/ until stopped (Ctrl-C). Plans are edited in \
                SessionPlans/ and written there in the canonical layout; edits made outside (an editor, git pull) \
                show in open pages. Only this machine can connect unless --host is given; then a random access \
                link is printed, and only that link opens the workspace (docs/workspace.md).
                """)

        @Option(help: "The address to listen on (default: this machine only).")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port: Int = 8080

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @OptionGroup var rubric: RubricOptions

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError("--port takes a number from 1 to 65535") }
            guard !host.isEmpty, host.utf8.count <= 253, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
                throw ValidationError("--host takes an address such as 127.0.0.1 or 0.0.0.0")
            }
        }

        func run() async throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: plans, isDirectory: &isFolder), isFolder.boolValue else {
                Console.error(
                    "trainplan: there is no \(plans.visible)/ folder here, so there is nothing to serve. "
                        + "Run `trainplan serve` in a project folder, or start one with `trainplan init`.")
                throw ExitCode(2)
            }
            let settings = WorkspaceSettings(
                host: host, port: port, project: rubric.projectOptions(plans: [plans], asCurriculum: true))
            do {
                try await Workspace.serve(settings) { address in
                    Console.error(
                        settings.isLoopback
                            ? "trainplan: the workspace is at \(address) (Ctrl-C stops it)"
                            : "trainplan: the workspace is at \(address)\n"
                                + "trainplan: this link holds the access token; share it only with people who may edit the plans"
                    )
                }
            } catch let error as WorkspaceError {
                if let failure = error.project {
                    RubricOptions.printFailure(failure)
                } else {
                    Console.error(error.description)
                }
                throw ExitCode(2)
            } catch {
                let why = "\(error)"
                Console.error(
                    why.contains("Address already in use")
                        ? "trainplan: port \(port) is in use (another `trainplan serve`?); choose another with --port"
                        : "trainplan: the workspace cannot listen on \(host):\(port): \(why.visible)")
                throw ExitCode(2)
            }
        }
    }
}
