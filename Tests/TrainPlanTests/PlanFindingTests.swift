import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// One broken plan: the finding it must produce, at the marker.
struct BrokenPlan: CustomTestStringConvertible, Sendable {
    var name: String
    var findingID: String
    var source: String
    var messageContains: String = ""
    var testDescription: String { name }
}

let brokenPlans: [BrokenPlan] = [
    BrokenPlan(
        name: "malformed XML", findingID: "xml-malformed",
        source: planXML(head: "<title>Sample</titel>⟦here⟧")),
    BrokenPlan(
        name: "unknown element with did-you-mean", findingID: "unknown-element",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two one"/>
                    ⟦here⟧<activty id="try" method="role-play" minutes="20"/>
                """),
        messageContains: "Did you mean 'activity'?"),
    BrokenPlan(
        name: "unknown attribute with did-you-mean", findingID: "unknown-attribute",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" method="role-play" minutes="20" ⟦here⟧objective="one"/>
                """),
        messageContains: "Did you mean 'objectives'?"),
    BrokenPlan(
        name: "duplicate activity id", findingID: "duplicate-id",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    ⟦here⟧<activity id="talk" method="role-play" minutes="20" objectives="one"/>
                """),
        messageContains: "activity id 'talk'"),
    BrokenPlan(
        name: "duplicate objective id", findingID: "duplicate-id",
        source: planXML(
            objectives: """
                <objective id="one">Demonstrate the skill.</objective>
                    ⟦here⟧<objective id="one">Explain the idea.</objective>
                """,
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="one"/>
                    <activity id="try" method="role-play" minutes="20" objectives="one"/>
                """),
        messageContains: "objective id 'one'"),
    BrokenPlan(
        name: "unknown objective", findingID: "unknown-objective",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" method="role-play" minutes="20" ⟦here⟧objectives="onne"/>
                """),
        messageContains: "Did you mean 'one'?"),
    BrokenPlan(
        name: "unknown method roleplay", findingID: "unknown-method",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" ⟦here⟧method="roleplay" minutes="20" objectives="one"/>
                """),
        messageContains: "Did you mean 'role-play'?"),
    BrokenPlan(
        name: "negative minutes", findingID: "invalid-minutes",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" method="role-play" ⟦here⟧minutes="-20" objectives="one"/>
                """)),
    BrokenPlan(
        name: "zero minutes", findingID: "invalid-minutes",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" method="role-play" minutes="20" objectives="one"/>
                    <break ⟦here⟧minutes="0"/>
                """)),
    BrokenPlan(
        name: "minutes in words", findingID: "invalid-minutes",
        source: planXML(duration: "<duration ⟦here⟧minutes=\"half an hour\"/>")),
    BrokenPlan(
        name: "fractional minutes", findingID: "invalid-minutes",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" ⟦here⟧minutes="10.5" objectives="two"/>
                    <activity id="try" method="role-play" minutes="20" objectives="one"/>
                """)),
    BrokenPlan(
        name: "missing required element", findingID: "missing-element",
        source: "⟦here⟧"
            + planXML(duration: "").replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: ""),
        messageContains: "<duration>"),
    BrokenPlan(
        name: "missing required attribute", findingID: "missing-attribute",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two"/>
                    ⟦here⟧<activity id="try" minutes="20" objectives="one"/>
                """),
        messageContains: "'method'"),
    BrokenPlan(
        name: "invalid id", findingID: "invalid-id",
        source: planXML(
            agenda: """
                <activity ⟦here⟧id="Talk Time" method="lecture" minutes="10" objectives="two"/>
                    <activity id="try" method="role-play" minutes="20" objectives="one"/>
                """),
        messageContains: "'Talk Time'"),
    BrokenPlan(
        name: "invalid stage", findingID: "invalid-value",
        source: planXML().replacingOccurrences(of: "<stage>post-match</stage>", with: "⟦here⟧<stage>postmatch</stage>"),
        messageContains: "Did you mean 'post-match'?"),
    BrokenPlan(
        name: "DOCTYPE", findingID: "xml-doctype",
        source: planXML().replacingOccurrences(
            of: "<session", with: "⟦here⟧<!DOCTYPE session [<!ENTITY x \"y\">]>\n<session")),
    BrokenPlan(
        name: "an empty list of materials (once only the schema said so)", findingID: "missing-element",
        source: planXML(
            agenda: """
                <activity id="talk" method="lecture" minutes="10" objectives="two">
                      ⟦here⟧<materials/>
                    </activity>
                    <activity id="try" method="role-play" minutes="20" objectives="one"/>
                """)),
]

@Suite("A broken plan gets one clear finding at the right place")
struct PlanFindingTests {
    @Test(arguments: brokenPlans)
    func findingAtMarker(_ broken: BrokenPlan) throws {
        let marked = Marked(broken.source)
        let result = check(marked.text)
        let errors = result.findings.filter { $0.severity == .error }
        #expect(
            errors.count == 1, "\(errors.map { "\($0.location.line):\($0.location.column) \($0.id) \($0.message)" })")
        let finding = try #require(result.findings.first { $0.id == broken.findingID }, "\(result.findings)")
        #expect(finding.location.line == marked.line)
        #expect(finding.location.column == marked.column)
        #expect(finding.hint?.isEmpty == false)
        if !broken.messageContains.isEmpty {
            #expect(finding.message.contains(broken.messageContains), "\(finding.message)")
        }
    }

    @Test func aValidPlanHasNoFindings() {
        let result = check(planXML())
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(result.plan?.agendaMinutes == 30)
        #expect(result.plan?.activities.map(\.method) == ["lecture", "role-play"])
    }

    @Test func fileNameShouldMatchTheID() throws {
        let result = check(planXML(id: "other"))
        let finding = try #require(result.findings.first)
        #expect(finding.id == "file-name")
        #expect(finding.severity == .warning)
        #expect(finding.location.line == 2)
    }

    @Test func sameSessionIDInTwoFiles() throws {
        let first = check(planXML(), file: "a/sample.xml")
        let second = check(planXML(), file: "b/sample.xml")
        let findings = PlanChecker.setFindings([second, first])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.id == "duplicate-session")
        #expect(finding.location == SourceLocation(file: "b/sample.xml", line: 2, column: 1))
        #expect(finding.message.contains("a/sample.xml:2:1"))
    }

    @Test func unreadableFileIsFatal() {
        let result = PlanChecker.checkPlan(.unreadable("no such file"), file: "x.xml", catalog: testCatalog)
        #expect(result.isUnreadable)
        #expect(result.findings.map(\.id) == ["unreadable-file"])
    }

    @Test func xsiAttributesAreAllowed() {
        let result = check(
            planXML(
                sessionAttributes:
                    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"../Schemas/session-plan.xsd\""
            ))
        #expect(result.findings.isEmpty, "\(result.findings)")
    }
}

@Suite("Did you mean")
struct DidYouMeanTests {
    @Test func nearNames() {
        #expect(DidYouMean.suggestion(for: "roleplay", among: ["role-play", "lecture"]) == "role-play")
        #expect(DidYouMean.suggestion(for: "lectur", among: ["role-play", "lecture"]) == "lecture")
        #expect(DidYouMean.suggestion(for: "Pair_Share", among: ["pair-share"]) == "pair-share")
        #expect(DidYouMean.suggestion(for: "banana", among: ["role-play", "lecture"]) == nil)
    }
}
