/// The range of every number read from a file (docs/security.md lists them). A number outside
/// its range is a finding at its attribute, so that no arithmetic on it can overflow: the
/// largest sums (every activity of a 4 MiB plan at a day each; a term of offerings at a day
/// each, in load units) stay far below `Int.max`.
public enum NumberRanges {
    /// A session's duration, an activity or a break: a session of more than a day is an error.
    public static let sessionMinutes = 1...1_440
    /// The step of a module.
    public static let moduleStep = 1...1_000
    /// An audience's min and max.
    public static let audience = 1...100_000
    /// Minutes of travel between places.
    public static let travelMinutes = 0...1_440
    /// A trainer's weekly limit, in hours (a week has 168).
    public static let weeklyHours = 0.0...168.0
    /// A rubric line's weight.
    public static let weight = 0...1_000
    /// An offering's revision in `assignments.xml` (`sequence`).
    public static let sequence = 0...1_000_000_000
    /// A time in `assignments.xml`, in minutes since 1970-01-01T00:00Z, up to 9999-12-31T23:59Z.
    public static let epochMinutes = 0...4_223_372_159
    /// A calendar year.
    public static let year = 1970...9999
}
