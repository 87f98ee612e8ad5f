import ArgumentParser
import TrainPlanCore
import TrainPlanProject

extension TrainPlan {
    /// `trainplan init [FOLDER]`: a small working example project to start from.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a small working example project (plans, rubric, roster and term) to start from.",
            discussion: """
                Writes SessionPlans/ (four plans), Rubrics/ (the rubric, method catalog and verbs), Schemas/, \
                and Rosters/ (four trainers and a term) into FOLDER, then `trainplan` there reviews the plans and \
                staffs the term. Nothing is overwritten: when any of the files exists, nothing is written (exit 1).
                """)

        @Argument(help: "The folder to write the project into (created when missing).")
        var folder: String = "."

        func run() throws {
            do {
                let written = try Starter.write(into: folder)
                let place = folder == "." ? "this folder" : folder.visible
                Console.error("trainplan: wrote an example project of \(written.count) files into \(place):")
                for path in written where !path.contains("Schemas/") { Console.error("  \(path.visible)") }
                Console.error(
                    "Next: \(folder == "." ? "" : "cd \(folder.visible) && ")trainplan   (reviews the plans, staffs the term, writes out/)"
                )
            } catch {
                Console.error(error.message)
                throw ExitCode(error.exitCode)
            }
        }
    }
}
