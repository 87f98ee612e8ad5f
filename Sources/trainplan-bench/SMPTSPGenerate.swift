import ArgumentParser
import TrainPlanCore

extension Bench {
    /// `trainplan-bench smptsp-generate`: writes an SMPTSP instance of the weak-bound family.
    struct SMPTSPGenerate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "smptsp-generate",
            abstract: "Write an SMPTSP instance where workers are qualified for 25–50% of the jobs.",
            discussion:
                "Jobs of 30 to 240 minutes in one day; each worker has a shift window (12 to 24 hours unless --shift "
                + "says otherwise) and is qualified for each job inside it with a probability drawn from 25–50%. "
                + "With short shifts (--shift 4-8) a worker covers only part of the day, so the jobs at one moment "
                + "(max-overlap) say little about the workers needed. Same seed, same bytes. The ptask format on "
                + "standard output.")

        @Option(help: "The number of jobs.")
        var jobs = 100

        @Option(help: "The number of workers.")
        var workers = 60

        @Option(help: "The random seed.")
        var seed: UInt64 = 1

        @Option(
            help: ArgumentHelp(
                "The shift window's length in hours, as MIN-MAX (from 1 to 24).",
                discussion: "Without it, windows are 12 to 24 hours and the hidden assignment ignores them "
                    + "(the family as first generated, kept byte for byte)."))
        var shift: String?

        /// `--shift` in minutes.
        private var shiftMinutes: ClosedRange<Int>? {
            guard let shift else { return nil }
            let parts = shift.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1 <= low, low <= high, high <= 24
            else { return nil }
            return (low * 60)...(high * 60)
        }

        func validate() throws {
            guard (1...100_000).contains(jobs), (1...10_000).contains(workers) else {
                throw ValidationError("--jobs must be 1 to 100000 and --workers 1 to 10000")
            }
            guard shift == nil || shiftMinutes != nil else {
                throw ValidationError("--shift must be MIN-MAX in whole hours, 1 ≤ MIN ≤ MAX ≤ 24, as in 4-8")
            }
        }

        func run() {
            var random = SplitMix64(seed: seed)
            func uniform(_ range: ClosedRange<Int>) -> Int {
                range.lowerBound + Int(random.next() % UInt64(range.upperBound - range.lowerBound + 1))
            }
            let day = 1440
            var spans: [(start: Int, end: Int)] = []
            for _ in 0..<jobs {
                let length = uniform(30...240)
                let start = uniform(0...(day - length))
                spans.append((start, start + length))
            }
            spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            var lists = Array(repeating: [Int](), count: workers)
            var windows: [ClosedRange<Int>] = []
            let lengths = shiftMinutes ?? 720...day
            for worker in 0..<workers {
                let window = uniform(lengths)
                let from = uniform(0...(day - window))
                windows.append(from...(from + window))
                let percent = uniform(25...50)
                for (job, span) in spans.enumerated()
                where span.start >= from && span.end <= from + window && uniform(1...100) <= percent {
                    lists[worker].append(job)
                }
            }
            // A hidden valid assignment (each job to a random worker free at its start, with --shift
            // one whose shift holds it when there is one), so every instance can be solved: with more
            // jobs at once than workers, the instance has none.
            var freeAfter = Array(repeating: Int.min, count: workers)
            for (job, span) in spans.enumerated() {
                var free = (0..<workers).filter { freeAfter[$0] < span.start }
                let inShift = free.filter { windows[$0].contains(span.start) && windows[$0].contains(span.end) }
                if shiftMinutes != nil, !inShift.isEmpty { free = inShift }
                guard !free.isEmpty else { continue }
                let worker = free[uniform(0...(free.count - 1))]
                freeAfter[worker] = span.end
                if lists[worker].last != job, !lists[worker].contains(job) {
                    lists[worker].append(job)
                    lists[worker].sort()
                }
            }
            var out = "# trainplan-bench smptsp-generate --jobs \(jobs) --workers \(workers) --seed \(seed)\n"
            out += "Type = 1\nJobs = \(jobs)\n"
            for span in spans { out += "\(span.start) \(span.end)\n" }
            out += "Qualifications = \(workers)\n"
            for list in lists { out += "\(list.count): " + list.map(String.init).joined(separator: " ") + "\n" }
            print(out, terminator: "")
        }
    }
}
