/// The format and reference checks that are not rubric criteria, described for reports
/// (SARIF lists every rule a result may name).
public enum CheckRules {
    /// Each check's stable id and a one-line description.
    public static let all: [(id: String, summary: String)] = [
        ("xml-malformed", "The file is well-formed XML."),
        ("xml-doctype", "The file has no DOCTYPE: DTDs and entities are refused."),
        ("xml-encoding", "The file is UTF-8."),
        ("xml-too-large", "The file is at most 4 MiB."),
        ("xml-too-many-attributes", "No element carries more than 64 attributes."),
        ("schema", "The file matches the format's XML Schema."),
        ("unknown-element", "Every element is part of the format."),
        ("unknown-attribute", "Every attribute is part of the format."),
        ("missing-element", "Every required element is present."),
        ("missing-attribute", "Every required attribute is present."),
        ("missing-text", "Every element that needs text has some."),
        ("duplicate-element", "Elements that may appear once appear once."),
        ("unexpected-text", "Text appears only where the format takes text."),
        ("invalid-id", "Ids are lower-case letters, digits and hyphens."),
        ("invalid-minutes", "Minutes are whole numbers greater than zero."),
        ("invalid-number", "Numbers are in range."),
        ("invalid-value", "Enumerated values are ones the format knows."),
        ("duplicate-id", "Activity and objective ids are unique within a plan."),
        ("unknown-objective", "Activities serve objectives the plan defines."),
        ("unknown-method", "Activities use methods from the method catalog."),
        ("duplicate-session", "Each session id is used by one file."),
        ("file-name", "A plan's file is named after its id."),
        ("wrong-document", "The file is the kind of document expected."),
        ("unreadable-file", "The file exists and can be read."),
    ]
}
