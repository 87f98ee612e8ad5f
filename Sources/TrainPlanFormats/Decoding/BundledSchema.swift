import Foundation
public import TrainPlanCore
public import TrainPlanXML

/// The XML Schemas trainplan ships for its formats, compiled once on first use.
public enum BundledSchema: String, CaseIterable, Sendable {
    case sessionPlan = "session-plan"
    case methods
    case verbs
    case rubric
    case roster
    case term
    case assignments
    case instrument
    case deliveryLog = "delivery-log"

    /// The schema's file name, as editors reference it.
    public var fileName: String { rawValue + ".xsd" }

    /// The schema's source text from the package's resources.
    public var source: [UInt8]? {
        guard
            let url = Bundle.module.url(
                forResource: rawValue, withExtension: "xsd", subdirectory: "Schemas")
        else { return nil }
        return (try? Data(contentsOf: url)).map { [UInt8]($0) }
    }

    /// The compiled schema.
    public var compiled: Result<XMLSchema, XMLSchema.CompileError> {
        switch self {
        case .sessionPlan: Self.sessionPlanSchema
        case .methods: Self.methodsSchema
        case .verbs: Self.verbsSchema
        case .rubric: Self.rubricSchema
        case .roster: Self.rosterSchema
        case .term: Self.termSchema
        case .assignments: Self.assignmentsSchema
        case .instrument: Self.instrumentSchema
        case .deliveryLog: Self.deliveryLogSchema
        }
    }

    private static let sessionPlanSchema = compile(.sessionPlan)
    private static let methodsSchema = compile(.methods)
    private static let verbsSchema = compile(.verbs)
    private static let rubricSchema = compile(.rubric)
    private static let rosterSchema = compile(.roster)
    private static let termSchema = compile(.term)
    private static let assignmentsSchema = compile(.assignments)
    private static let instrumentSchema = compile(.instrument)
    private static let deliveryLogSchema = compile(.deliveryLog)

    private static func compile(_ schema: BundledSchema) -> Result<XMLSchema, XMLSchema.CompileError> {
        guard let source = schema.source else {
            return .failure(
                XMLSchema.CompileError(
                    name: schema.fileName, messages: ["the schema is missing from the installed resources"]))
        }
        return Result { () throws(XMLSchema.CompileError) in try XMLSchema(source: source, name: schema.fileName) }
    }
}

/// Copies of the project files in `Rubrics/`, used when trainplan runs outside a project
/// folder (a test keeps them identical to the repository's).
public enum BundledDefaults: String, CaseIterable, Sendable {
    case methods
    case verbs
    case rubric = "adult-learning"

    /// The path inside a project folder that this default stands in for.
    public var projectPath: String { "Rubrics/\(rawValue).xml" }

    /// The file's text from the package's resources.
    public var text: SourceText {
        guard let url = Bundle.module.url(forResource: rawValue, withExtension: "xml", subdirectory: "Defaults"),
            let data = try? Data(contentsOf: url)
        else { return .unreadable("the built-in copy is missing from the installed resources") }
        return .bytes([UInt8](data))
    }
}
