import Foundation
public import TrainPlanCore
public import TrainPlanFormats
public import TrainPlanReview
public import TrainPlanStaffing

/// Where a project's inputs are and how its plans are judged: what the command line's options
/// say, with the defaults of a project folder.
public struct ProjectOptions: Sendable, Hashable {
    /// Plan files or folders (searched for `*.xml`).
    public var plans: [String]
    /// The rubric; `nil` for `Rubrics/adult-learning.xml`, or the built-in copy when that is absent.
    public var rubric: String?
    /// The method catalog.
    public var methods: String
    /// The measurable verbs.
    public var verbs: String
    /// Whether the plans are judged as one curriculum; `nil` for "when a folder is given".
    public var asCurriculum: Bool?

    public static let defaultRubric = "Rubrics/adult-learning.xml"

    public init(
        plans: [String] = ["SessionPlans"], rubric: String? = nil, methods: String = "Rubrics/methods.xml",
        verbs: String = "Rubrics/verbs.xml", asCurriculum: Bool? = nil
    ) {
        self.plans = plans
        self.rubric = rubric
        self.methods = methods
        self.verbs = verbs
        self.asCurriculum = asCurriculum
    }

    /// The rubric file that is read.
    public var rubricPath: String { rubric ?? Self.defaultRubric }
}

/// Why a project cannot be judged at all: its catalogs or rubric are unusable, or there is no
/// plan to check. What to print is in `findings` and `message`; the exit status is 2.
public struct ProjectError: Error, Sendable {
    /// Notes printed before the findings (a built-in copy standing in for a missing file).
    public var notes: [String] = []
    public var findings: [Finding]
    public var message: String
}

/// The method catalog, the verb list and the rubric of a project, read through one path.
public struct ProjectCatalogs: Sendable {
    public var catalog: MethodCatalog
    public var verbs: VerbList
    public var rubric: Rubric
    /// Findings that do not stop the review (warnings).
    public var findings: [Finding]
    /// Notes for a person (a built-in copy standing in for a missing default file).
    public var notes: [String]
}

/// A project folder loaded once: the catalogs, the rubric, every plan checked and reviewed.
/// `check`, `schedule`, `coverage` and the default job all ask this value; `update(_:)`
/// re-reads one changed file and re-judges only what depends on it.
public struct Project: Sendable {
    public let options: ProjectOptions
    /// How a file's text is had (the disk, or a test's edits); called once per file read.
    private let read: @Sendable (String) -> SourceText

    public private(set) var catalog: MethodCatalog
    public private(set) var verbs: VerbList
    public private(set) var rubric: Rubric
    /// Findings about the catalogs and the rubric that do not stop the review (warnings).
    public private(set) var catalogFindings: [Finding]
    /// Notes for a person (a built-in copy standing in for a missing default file).
    public private(set) var notes: [String]
    /// The plan files, sorted as every report lists them, and folders that hold no plan.
    public private(set) var files: [String]
    public private(set) var emptyFolders: [String]
    /// Each plan file's check and review.
    private var checked: [String: PlanResult]
    private var reviewed: [String: PlanReview]
    /// The whole review of the plans, rebuilt from the per-plan reviews on every change.
    public private(set) var review: Review
    /// The files read by the last `load` or `update`, in the order they were read.
    public private(set) var lastReads: [String] = []

    /// Whether the plans are judged as one curriculum (decided once, at load).
    public let asCurriculum: Bool

    /// What is printed for a folder that holds no plan.
    public static func emptyFolderMessage(_ folder: String) -> String {
        "\(folder): error: no session plans (*.xml) in this folder [no-plans]"
    }

    /// Loads the catalogs, the rubric and every plan of `options`, and reviews them.
    public static func load(
        _ options: ProjectOptions, read: @escaping @Sendable (String) -> SourceText = InputFiles.read
    ) throws(ProjectError) -> Project {
        var reads: [String] = []
        let catalogs = try loadCatalogs(options, read: read, reads: &reads)
        let (files, emptyFolders) = InputFiles.xmlFiles(in: options.plans)
        if files.isEmpty {
            throw ProjectError(
                notes: catalogs.notes, findings: catalogs.findings,
                message: emptyFolders.map { emptyFolderMessage($0) + "\n" }.joined() + "trainplan: nothing to check")
        }
        var project = Project(
            options: options, read: read, catalog: catalogs.catalog, verbs: catalogs.verbs, rubric: catalogs.rubric,
            catalogFindings: catalogs.findings, notes: catalogs.notes, files: files, emptyFolders: emptyFolders,
            checked: [:], reviewed: [:],
            review: Review(rubric: catalogs.rubric, plans: [], curriculum: [], setFindings: [], catalog: nil),
            asCurriculum: options.asCurriculum ?? InputFiles.anyFolder(options.plans))
        project.recheckAll()
        project.lastReads = reads + files
        return project
    }

    /// Re-reads one file that changed on disk (or was created or deleted) and re-judges what
    /// depends on it: a plan is checked and reviewed again alone (the set findings and the
    /// curriculum are judged again, being about all plans); the method catalog, the verb list
    /// or the rubric reload the catalogs and re-check every plan. A file the project does not
    /// read changes nothing. Throws, leaving the project as it was, when a changed catalog or
    /// rubric cannot be used.
    public mutating func update(_ path: String) throws(ProjectError) {
        lastReads = []
        if [options.methods, options.verbs, options.rubricPath].contains(path) {
            var reads: [String] = []
            let catalogs = try Self.loadCatalogs(options, read: read, reads: &reads)
            (catalog, verbs, rubric, catalogFindings, notes) = (
                catalogs.catalog, catalogs.verbs, catalogs.rubric, catalogs.findings, catalogs.notes
            )
            recheckAll()
            lastReads = reads + files
            return
        }
        let isPlan =
            files.contains(path) || (path.hasSuffix(".xml") && options.plans.contains { Self.isInside(path, $0) })
        guard isPlan else { return }
        if !InputFiles.exists(path) {
            files.removeAll { $0 == path }
            checked[path] = nil
            reviewed[path] = nil
        } else {
            if !files.contains(path) {
                files.append(path)
                files.sort()
            }
            let result = PlanChecker.checkPlan(
                read(path), file: path, catalog: catalog, xpath: rubric.assertions.map(\.test))
            checked[path] = result
            reviewed[path] = Reviewer.review(result, rubric: rubric, catalog: catalog, verbs: verbs)
            lastReads = [path]
        }
        assemble()
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }

    /// Every plan checked and reviewed again, on every core.
    private mutating func recheckAll() {
        let report = PlanChecker.check(
            files: files, catalog: catalog, xpath: rubric.assertions.map(\.test), load: read)
        let full = Reviewer.review(report, rubric: rubric, catalog: catalog, verbs: verbs, asCurriculum: asCurriculum)
        checked = Dictionary(uniqueKeysWithValues: zip(files, report.plans))
        reviewed = Dictionary(uniqueKeysWithValues: zip(files, full.plans))
        review = full
    }

    /// The review rebuilt from the per-plan reviews, as `recheckAll` would make it.
    private mutating func assemble() {
        let results = files.compactMap { checked[$0] }
        review = Reviewer.assemble(
            files.compactMap { reviewed[$0] }, setFindings: PlanChecker.setFindings(results), rubric: rubric,
            catalog: catalog, asCurriculum: asCurriculum)
    }

    /// A file's text as this project reads its inputs.
    public func readFile(_ path: String) -> SourceText { read(path) }

    /// The checked plans, in file order.
    public var planResults: [PlanResult] { files.compactMap { checked[$0] } }

    /// Every plan that could be decoded, in file order.
    public var decodedPlans: [SessionPlan] { planResults.compactMap(\.plan) }

    /// Reads the method catalog, the verb list and the rubric; a default path that does not
    /// exist falls back to the built-in copy (with a note).
    public static func loadCatalogs(_ options: ProjectOptions) throws(ProjectError) -> ProjectCatalogs {
        var reads: [String] = []
        return try loadCatalogs(options, read: InputFiles.read, reads: &reads)
    }

    /// As above, reading through `read` and noting each file read in `reads`.
    private static func loadCatalogs(
        _ options: ProjectOptions, read: (String) -> SourceText, reads: inout [String]
    ) throws(ProjectError) -> ProjectCatalogs {
        var notes: [String] = []
        func text(_ path: String, default fallback: BundledDefaults) -> SourceText {
            if path == fallback.projectPath, !InputFiles.exists(path) {
                notes.append("trainplan: note: no \(path) here; using the built-in copy")
                return fallback.text
            }
            reads.append(path)
            return read(path)
        }
        let methodsRead = CatalogLoader.methods(text(options.methods, default: .methods), file: options.methods)
        let verbsRead = CatalogLoader.verbs(text(options.verbs, default: .verbs), file: options.verbs)
        let rubricPath = options.rubricPath
        let rubricRead = RubricLoader.rubric(text(rubricPath, default: .rubric), file: rubricPath)
        let findings = methodsRead.findings + verbsRead.findings + rubricRead.findings
        guard let catalog = methodsRead.value, let verbList = verbsRead.value, let rubric = rubricRead.value,
            !findings.contains(where: { $0.severity == .error })
        else {
            throw ProjectError(
                notes: notes, findings: Finding.sortedForOutput(findings),
                message: "trainplan: the method catalog, verb list or rubric cannot be used; "
                    + "fix them, or pass --methods, --verbs and --rubric.")
        }
        return ProjectCatalogs(catalog: catalog, verbs: verbList, rubric: rubric, findings: findings, notes: notes)
    }
}
