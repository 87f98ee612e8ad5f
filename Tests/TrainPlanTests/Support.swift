import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// The marker a test plan carries where its finding must point.
let marker = "⟦here⟧"

/// A document with a marker: its text without the marker, and the marker's line and column.
struct Marked {
    var text: String
    var line: Int
    var column: Int

    init(_ source: String) {
        guard let range = source.range(of: marker) else {
            text = source
            line = 0
            column = 0
            return
        }
        let before = source[..<range.lowerBound]
        line = before.count(where: { $0 == "\n" }) + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        column = before[lineStart...].unicodeScalars.count + 1
        text = source.replacingCharacters(in: range, with: "")
    }
}

/// A small method catalog, read through the same reader as the shipped one.
let testCatalog: MethodCatalog = {
    let xml = """
        <methods>
          <category id="presentation"/>
          <category id="discussion" interactive="true"/>
          <category id="practice" interactive="true" practice="true"/>
          <category id="assessment" interactive="true"/>
          <category id="logistics" learning="false"/>
          <method id="lecture" category="presentation">Talk.</method>
          <method id="discussion" category="discussion">Talk together.</method>
          <method id="role-play" category="practice">Rehearse in roles.</method>
          <method id="evaluation" category="assessment">Rate it.</method>
          <method id="welcome" category="logistics">Arrive.</method>
        </methods>
        """
    return CatalogLoader.methods(.bytes(Array(xml.utf8)), file: "methods.xml").value
        ?? MethodCatalog(categories: [], methods: [])
}()

/// A valid plan whose parts a test replaces.
func planXML(
    id: String = "sample",
    sessionAttributes: String = "",
    head: String? = nil,
    duration: String = "<duration minutes=\"30\"/>",
    objectives: String = """
    <objective id="one">Demonstrate the skill.</objective>
        <objective id="two">Explain the idea.</objective>
    """,
    agenda: String = """
    <activity id="talk" method="lecture" minutes="10" objectives="two"/>
        <activity id="try" method="role-play" minutes="15" objectives="one"/>
        <break minutes="5"/>
    """
) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <session id="\(id)"\(sessionAttributes)>
      \(head ?? "<title>Sample</title>")
      <module id="m" step="1"/>
      <stage>post-match</stage>
      \(duration)
      <delivery mode="in-person"/>
      <objectives>
        \(objectives)
      </objectives>
      <agenda>
        \(agenda)
      </agenda>
    </session>
    """
}

func check(_ text: String, file: String = "SessionPlans/sample.xml") -> PlanResult {
    PlanChecker.checkPlan(.bytes(Array(text.utf8)), file: file, catalog: testCatalog)
}

/// The repository's root, for tests of the shipped examples.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func repositoryFile(_ path: String) -> SourceText {
    guard let data = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(path).path) else {
        return .unreadable("missing")
    }
    return .bytes([UInt8](data))
}
