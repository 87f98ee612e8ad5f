import Foundation
import TrainPlanFormats
import TrainPlanProject

extension Pages {
    /// The delivery-log form of one offering: every row of the session in delivered order, the
    /// key messages, the notes; the script (delivery.js) sends it and shows what the fidelity
    /// report says of the saved log.
    static func deliveryLog(
        _ form: LogForm, offering: Offering, plan: SessionPlan, catalog: MethodCatalog, file: String, exists: Bool,
        token: String
    ) -> String {
        let reasons = DeliveryLog.Reason.allCases.map(\.rawValue)
        func options(_ selected: String, none: String) -> String {
            "<option value=\"\"\(selected.isEmpty ? " selected" : "")>\(e(none))</option>"
                + reasons.map {
                    "<option value=\"\($0)\"\($0 == selected ? " selected" : "")>\($0)</option>"
                }.joined()
        }
        func methods(_ selected: String) -> String {
            catalog.categories.map { category in
                "<optgroup label=\"\(e(category.id))\">"
                    + catalog.methods.filter { $0.category == category.id }.map {
                        "<option value=\"\(e($0.id))\"\($0.id == selected ? " selected" : "")>\(e($0.id))</option>"
                    }.joined() + "</optgroup>"
            }.joined()
        }
        let move =
            "<td class=\"log-move\"><button type=\"button\" class=\"log-up\" title=\"Earlier\">↑</button>"
            + "<button type=\"button\" class=\"log-down\" title=\"Later\">↓</button></td>"
        func addedRow(_ block: LogForm.Block) -> String {
            "<tr class=\"log-row\" data-kind=\"added\"><td><input class=\"log-id\" aria-label=\"id of the added activity\" value=\"\(e(block.id))\" placeholder=\"id\"> "
                + "<select class=\"log-method\" aria-label=\"method\">\(methods(block.method))</select></td><td>added</td>"
                + "<td><input class=\"log-minutes\" inputmode=\"numeric\" aria-label=\"minutes\" value=\"\(e(block.minutes))\"></td><td></td>"
                + "<td><select class=\"log-reason\" aria-label=\"why it was added\">\(options(block.reason, none: "choose a reason"))</select></td>"
                + move.replacingLast(
                    "</td>", "<button type=\"button\" class=\"log-remove\" title=\"Remove\">✕</button></td>")
                + "</tr>\n"
        }
        var rows = ""
        for block in form.blocks {
            switch block.kind {
            case "activity":
                let unlogged = block.minutes.isEmpty && block.skipped.isEmpty
                rows +=
                    "<tr class=\"log-row\" data-kind=\"activity\" data-id=\"\(e(block.id))\"><td><code>\(e(block.id))</code>"
                    + (block.title.map { " \(e($0))" } ?? "")
                    + (unlogged ? " <span class=\"behind\">not in the log</span>" : "") + "</td>"
                    + "<td class=\"n\">\(block.planned.map(String.init) ?? "")</td>"
                    + "<td><input class=\"log-minutes\" inputmode=\"numeric\" aria-label=\"minutes of \(e(block.id))\" value=\"\(e(block.minutes))\"></td>"
                    + "<td><select class=\"log-skipped\" aria-label=\"\(e(block.id)) skipped because\">\(options(block.skipped, none: "delivered"))</select></td>"
                    + "<td><select class=\"log-reason\" aria-label=\"why the minutes of \(e(block.id)) differ\">\(options(block.reason, none: "as planned"))</select></td>"
                    + move + "</tr>\n"
            case "added": rows += addedRow(block)
            default:
                rows +=
                    "<tr class=\"log-row\" data-kind=\"break\"><td>break</td><td></td>"
                    + "<td><input class=\"log-minutes\" inputmode=\"numeric\" aria-label=\"minutes of the break\" value=\"\(e(block.minutes))\"></td><td></td><td></td>"
                    + move + "</tr>\n"
            }
        }
        var messages = ""
        for message in form.objectives {
            messages +=
                "<li><label><input type=\"checkbox\" class=\"log-objective\" data-id=\"\(e(message.id))\"\(message.delivered ? " checked" : "")> "
                + "<code>\(e(message.id))</code> \(e(message.text ?? ""))</label></li>\n"
        }
        var data = form
        data.blocks = []
        data.objectives = []
        let body = """
            <h1>Delivery log: \(e(offering.id))</h1>
            <p class="lead">\(e(plan.title)) (<a href="/plans/\(e(plan.id))">\(e(plan.id))</a>), \(e(offering.start.date.description)) at \(e(offering.place)). \
            Saved to <code>\(e(file))</code>\(exists ? ", which this form was filled from" : " (new: filled from the plan, as <code>trainplan log new</code> does)"). \
            Write what happened: the minutes each activity took, or why it was skipped; what was added; which key messages got across (docs/fidelity.md).</p>
            <form id="log-form" data-offering="\(e(offering.id))">
            <p class="log-head"><label>Trainers (roster ids, separated by spaces) <input id="log-trainers" value="\(e(form.trainers))"></label>
            <label>Attendance <input id="log-attendance" inputmode="numeric" value="\(e(form.attendance))"></label>
            <label>Date <input id="log-date" value="\(e(form.date))" placeholder="YYYY-MM-DD"></label></p>
            <table id="log-blocks"><thead><tr><th>activity, in the order delivered</th><th>planned minutes</th><th>minutes</th><th>skipped</th><th>why it differs</th><th></th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p><button type="button" id="log-add">Add an activity that was not planned</button></p>
            <template id="log-added-row">\(addedRow(LogForm.Block(kind: "added")))</template>
            <fieldset><legend>Key messages delivered</legend><ul class="log-objectives">
            \(messages)</ul></fieldset>
            <p><label>Notes<br><textarea id="log-notes" rows="4" cols="80">\(e(form.notes))</textarea></label></p>
            <p><button type="submit" id="log-save">Save the log</button></p>
            </form>
            <div id="log-result" aria-live="polite"></div>
            <script type="application/json" id="log-data">\(embedded(data))</script>
            <script src="/assets/delivery.js" defer></script>
            """
        return page(title: "Delivery log \(offering.id)", token: token, body: body)
    }
}

extension Pages {
    /// The term page's list of offerings, each linked to its delivery-log form (marked when a
    /// log exists).
    static func deliveryLinks(_ term: Term, logs files: TermFiles) -> String {
        let parent = ((files.roster as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let folder = (parent.isEmpty ? "" : parent + "/") + "Records/deliveries/"
        var out =
            "<details id=\"delivery-logs\"><summary>Delivery logs: write what was delivered</summary>\n<ul class=\"delivery-logs\">\n"
        for offering in term.offerings where DeliveryDesk.isFileName(offering.id) {
            let logged = InputFiles.exists(folder + offering.id + ".xml")
            out +=
                "<li><a href=\"/deliveries/\(e(offering.id))\">\(e(offering.id))</a> \(e(offering.session)), "
                + "\(e(offering.start.date.description))\(logged ? " — logged" : "")</li>\n"
        }
        return out + "</ul></details>\n"
    }
}

extension String {
    /// The text with the last `target` replaced.
    fileprivate func replacingLast(_ target: String, _ replacement: String) -> String {
        guard let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
