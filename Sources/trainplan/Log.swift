import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

extension TrainPlan {
    /// `trainplan log`: delivery logs.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delivery logs of offerings (Records/deliveries/).", subcommands: [New.self])
    }
}

extension TrainPlan.Log {
    /// `trainplan log new OFFERING`: a log pre-filled from the offering's plan.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write Records/deliveries/OFFERING.xml, pre-filled from the offering's plan.",
            discussion: """
                Every planned activity at its planned minutes, every objective as a key message delivered; the \
                trainers from OUT/assignments.xml (or the offering's pins). With --observation, the observer's \
                record instead (OFFERING.observed-OBSERVER.xml, adherence to rate): the observer from \
                OUT/assignments.xml, or --observer. Never overwrites: if the file exists, \
                nothing is written (exit 1). Exit status 2 when the term or the plan cannot be read, 1 for an \
                offering the term does not have.
                """)

        @Argument(help: "The offering's id in the term.")
        var offering: String

        @Option(help: "The term (default: the one term in Rosters/ besides trainers.xml).")
        var term: String?

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @Option(help: "The methods catalog.")
        var methods: String = "Rubrics/methods.xml"

        @Option(help: "The folder of delivery logs.")
        var logs: String = "Records/deliveries"

        @Option(help: "The assignments file whose primary is the trainer written in the log.")
        var assignments: String = "out/assignments.xml"

        @Flag(help: "Write an observation (the scheduled observer's record) instead of the trainer's log.")
        var observation = false

        @Option(help: "The observer's roster id (implies --observation; default: the scheduled observer).")
        var observer: String?

        /// A roster id: what may go into a file name.
        static func isSlug(_ id: String) -> Bool {
            !id.isEmpty && id.utf8.count <= 64 && id.utf8.first != UInt8(ascii: "-")
                && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }

        func run() throws {
            let termPath = try FidelityRunner.termPath(term, roster: "Rosters/trainers.xml")
            let termRead = StaffingLoader.term(InputFiles.read(termPath), file: termPath)
            guard let term = termRead.value else {
                Console.error(TextReporter.render(termRead.findings), terminator: "")
                throw ExitCode(2)
            }
            guard let found = term.offerings.first(where: { $0.id == offering }) else {
                let ids = term.offerings.map(\.id)
                Console.error(
                    "\(termPath): error: the term has no offering '\(offering.visible)'."
                        + DidYouMean.clause(for: offering, among: ids) + " [unknown-offering]")
                throw ExitCode(1)
            }
            let catalogRead = CatalogLoader.methods(InputFiles.read(methods), file: methods)
            guard let catalog = catalogRead.value else {
                Console.error(TextReporter.render(catalogRead.findings), terminator: "")
                throw ExitCode(2)
            }
            let planPath = plans + "/" + found.session + ".xml"
            let result = PlanChecker.checkPlan(InputFiles.read(planPath), file: planPath, catalog: catalog)
            guard let plan = result.plan, !result.findings.contains(where: { $0.severity == .error }) else {
                Console.output(TextReporter.render(result.findings))
                Console.error("trainplan: the plan \(planPath) of '\(offering)' has errors; fix them first")
                throw ExitCode(2)
            }
            var trainers = [found.primary].compactMap { $0 }
            var scheduledObserver = found.observer
            if InputFiles.exists(assignments),
                let set = StaffingLoader.assignments(InputFiles.read(assignments), file: assignments).value,
                set.term == term.id, let assignment = set.assignments.first(where: { $0.offering == offering })
            {
                trainers = [assignment.primary].compactMap { $0 }
                scheduledObserver = assignment.observer
            }
            var observerID: String?
            if observation || observer != nil {
                guard let id = observer ?? scheduledObserver else {
                    Console.error(
                        "trainplan: nobody is scheduled to observe '\(offering.visible)' in \(assignments); "
                            + "name the observer with --observer ID")
                    throw ExitCode(1)
                }
                guard Self.isSlug(id) else {
                    Console.error(
                        "trainplan: '\(id.visible)' is not a roster id (lower-case letters, digits and hyphens)")
                    throw ExitCode(1)
                }
                observerID = id
            }
            let path = logs + "/" + offering + (observerID.map { ".observed-\($0)" } ?? "") + ".xml"
            do {
                try OutputFile.create(
                    LogTemplate.text(offering: found, plan: plan, trainers: trainers, observer: observerID), at: path)
            } catch {
                Console.error("trainplan: \(error)")
                throw ExitCode(1)
            }
            if let observerID {
                Console.error(
                    "trainplan: wrote \(path); rate each activity's adherence (1 to 5) and correct what differed, "
                        + "as \(observerID) saw it")
                return
            }
            Console.error(
                "trainplan: wrote \(path); fill in attendance and what was delivered"
                    + (trainers.isEmpty
                        ? ", and trainers=\"…\": neither \(assignments) nor a pinned primary names who delivered it"
                        : ""))
        }
    }
}
