import TrainPlanFormats

/// The plain-language statements: what the numbers say and what they cannot, each built from
/// the computed values.
enum Statements {
    static func make(_ evaluation: Evaluation) -> [Statement] {
        var out: [Statement] = []
        func say(_ topic: String, _ text: String) { out.append(Statement(topic: topic, text: text)) }
        let n = NumberText.self

        // Dose.
        let mentors = evaluation.dose.mentors
        let behind = mentors.filter { !$0.behind.isEmpty }
        let requirement = evaluation.requirement
        say(
            "training dose",
            "\(n.plural(behind.count, "of \(mentors.count) mentor is", "of \(mentors.count) mentors are")) behind the curriculum's requirement "
                + "(\(requirement.preMatchMinutes) minutes of in-person pre-match training and \(n.plural(requirement.postMatchSessions, "post-match session")))."
                + " A mentor matched recently may not yet have had the chance to attend post-match sessions.")

        // Match length.
        let length = evaluation.matchLength
        say(
            "match length",
            "Of \(n.plural(length.matches, "match", "matches")), \(length.closed) closed and \(length.open) \(length.open == 1 ? "was" : "were") still open on \(evaluation.asOf); "
                + "an open match counts as lasting at least until then (censored), not as closed.")
        if let all = length.groupings.first?.groups.first {
            if let median = all.median {
                say(
                    "match length",
                    "Half of the matches closed within \(n.months(median)) months (\(n.interval(all.medianLower, all.medianUpper, 1, unit: " months")))."
                )
            } else {
                say(
                    "match length",
                    "Fewer than half of the matches have closed, so the median length cannot be estimated yet; it is longer than the longest follow-up."
                )
            }
            if let at12 = all.at12 {
                say(
                    "match length",
                    "An estimated \(n.percent(at12.share)) of matches last 12 months (\(n.interval(at12.lower * 100, at12.upper * 100, 0, unit: " %")))."
                )
            } else {
                say(
                    "match length",
                    "No match has been followed for 12 months yet, so the share reaching 12 months is not known.")
            }
        }
        for grouping in length.groupings.dropFirst() {
            if let test = grouping.logRank {
                let sizes = grouping.groups.map { "\($0.label): \($0.matches)" }.joined(separator: ", ")
                if test.pValue < 0.05 {
                    say(
                        "match length",
                        "Match length differs by \(grouping.name) (log-rank χ² = \(n.fixed(test.statistic, 2)), df \(test.degreesOfFreedom), \(n.p(test.pValue)); \(sizes)). "
                            + "This is an observational comparison: the groups may differ in other ways than \(grouping.name)."
                    )
                } else {
                    say(
                        "match length",
                        "The data show no clear difference in match length by \(grouping.name) (log-rank \(n.p(test.pValue)); \(sizes)). "
                            + "With groups this small that is not evidence that there is none.")
                }
            } else if let note = grouping.logRankNote {
                say("match length", "By \(grouping.name): \(note)")
            }
        }
        if let cox = length.cox {
            let direction = cox.hazardRatio < 1 ? "fewer" : "more"
            say(
                "match length",
                "Each extra hour of in-person pre-match training went with a closure rate \(n.fixed(cox.hazardRatio, 2)) times as high "
                    + "(\(n.interval(cox.lower, cox.upper, 2)), \(n.p(cox.pValue))): \(direction) closures per hour of training, "
                    + (cox.lower < 1 && cox.upper > 1
                        ? "but the interval includes a ratio of 1 (no effect). "
                        : "and the interval excludes a ratio of 1 (no effect). ")
                    + "Mentors chose how much training to attend, so this is an association, not proof that training lengthens matches."
            )
            if let p = cox.proportionalHazardsPValue {
                say(
                    "match length",
                    p < 0.05
                        ? "The proportional-hazards check flags the dose (\(n.p(p))): its effect seems to change over time, so one hazard ratio summarises it poorly."
                        : "The proportional-hazards check does not flag the dose (\(n.p(p))); with few closures it has little power."
                )
            }
        } else if let note = length.coxNote {
            say("match length", "No hazard ratio for training dose: \(note)")
        }

        // Surveys.
        for survey in evaluation.surveys {
            guard let total = survey.scales.first else { continue }
            if let alpha = total.alphaPre?.alpha {
                say(
                    "surveys",
                    "On this program's own pre-training answers, '\(survey.instrument)' has Cronbach's α = \(n.fixed(alpha, 2)) (\(total.alphaPre?.completeCases ?? 0) complete answers)"
                        + (alpha < 0.7
                            ? ": below 0.7, its items do not hang together well enough to trust one score." : "."))
            } else if let note = total.alphaPre?.note {
                say("surveys", "No α for '\(survey.instrument)': \(note)")
            }
            if let all = total.groupings.first?.groups.first {
                if let change = all.change, let dz = all.dz, let p = all.pValue {
                    say(
                        "surveys",
                        "Mentors' '\(survey.instrument)' scores changed by \(n.fixed(change, 2)) points from pre to post "
                            + "(\(n.interval(all.lower, all.upper, 2)), d_z = \(n.fixed(dz, 2)), \(n.p(p)), \(all.paired) mentors). "
                            + "Without a comparison group this change cannot be credited to the training: confidence may grow with the match itself."
                    )
                } else if let note = all.note {
                    say("surveys", "No pre–post change for '\(survey.instrument)': \(note)")
                }
            }
            let attrition = total.attrition
            if attrition.preOnly > 0 {
                var text =
                    "\(n.plural(attrition.preOnly, "mentor", "mentors")) of \(attrition.withPre) with a pre survey \(attrition.preOnly == 1 ? "has" : "have") no post survey; the change describes the \(attrition.completers) who answered both."
                if let baseline = attrition.baseline, let difference = baseline.difference {
                    text +=
                        " At baseline, non-completers scored \(n.fixed(abs(difference), 2)) points \(difference < 0 ? "lower" : "higher") than completers (\(n.interval(baseline.lower, baseline.upper, 2)))"
                        + (baseline.lower.map { $0 > 0 } == true || baseline.upper.map { $0 < 0 } == true
                            ? ": those who stayed were different, so the change may be biased." : ".")
                } else if let note = attrition.baseline?.note {
                    text += " " + note
                }
                say("surveys", text)
            } else if attrition.withPre > 0 {
                say("surveys", "Every mentor with a pre survey also has a post survey.")
            }
            for grouping in total.groupings.dropFirst() {
                guard let comparison = grouping.comparison, let mde = comparison.minimumDetectable else { continue }
                say(
                    "what the data can say",
                    "With \(comparison.firstCount) and \(comparison.secondCount) mentors in the two groups of \(grouping.name), only differences in change of d ≥ \(n.fixed(mde, 2)) can be detected with 80 % power (two-sided α = 0.05)"
                        + (mde > 0.8
                            ? ": only very large effects; a smaller real effect would most likely be missed." : "."))
            }
        }

        if let section = evaluation.deliveredDose { deliveredDose(section, say: say) }

        // Study.
        if let study = evaluation.study {
            for change in study.change {
                guard let comparison = change.comparison else { continue }
                let within = change.groups.compactMap { group -> String? in
                    guard let value = group.change else { return nil }
                    return "\(group.label) \(n.fixed(value, 2)) (\(n.interval(group.lower, group.upper, 2)))"
                }
                if let difference = comparison.difference {
                    let includesZero = (comparison.lower ?? 0) <= 0 && (comparison.upper ?? 0) >= 0
                    say(
                        "study",
                        "In the study '\(study.id)', mentors were assigned to arms at random, so a difference between the arms is the effect of the variant. "
                            + "Within the arms the scores changed by \(within.joined(separator: "; ")). "
                            + "The difference between the arms (\(comparison.second) minus \(comparison.first)) is \(n.fixed(difference, 2)) points "
                            + "(\(n.interval(comparison.lower, comparison.upper, 2)))"
                            + (includesZero
                                ? ": the interval includes no difference, so the change within the arms cannot be credited to the variant; a pre–post report of either arm alone would have credited it to the training."
                                : ": the arms differ by more than chance would easily give, so the variant made a difference beyond what both arms share.")
                    )
                } else if let note = comparison.note {
                    say("study", "No difference between the arms of '\(study.id)': \(note)")
                }
                if let mde = comparison.minimumDetectable {
                    say(
                        "what the data can say",
                        "With \(comparison.firstCount) and \(comparison.secondCount) mentors per arm, only differences of d ≥ \(n.fixed(mde, 2)) can be detected with 80 % power (two-sided α = 0.05)."
                    )
                }
            }
            if let cox = study.cox {
                say(
                    "study",
                    "Matches of the arm \(study.arms.count > 1 ? study.arms[1] : "") closed at \(n.fixed(cox.hazardRatio, 2)) times the rate of the arm \(study.arms.first ?? "") (\(n.interval(cox.lower, cox.upper, 2)), \(cox.closed) closures)"
                        + (cox.lower < 1 && cox.upper > 1
                            ? ": the interval includes 1, so the study does not show the arms' match lengths to differ."
                            : ": the interval excludes 1."))
            } else if let note = study.coxNote {
                say("study", "No hazard ratio between the arms: \(note)")
            }
        }
        say(
            "what the data can say",
            "Every number here describes this program's own records as of \(evaluation.asOf). Comparisons between sites, cohorts or training received are observational; only a randomised study (trainplan study) can say what a training variant causes."
        )
        return out
    }

    /// What the delivery logs add: how many mentors can be compared, and what the comparison shows.
    static func deliveredDose(_ section: DeliveredDoseSection, say: (String, String) -> Void) {
        let n = NumberText.self
        let topic = "dose as delivered"
        let attended = section.mentors.filter { $0.sessions > 0 }
        let compared = attended.filter(\.compared)
        let missing = attended.filter { $0.logged < $0.sessions }
        say(
            topic,
            "\(n.plural(compared.count, "of \(attended.count) mentor", "of \(attended.count) mentors")) with pre-match training "
                + "\(compared.count == 1 ? "has" : "have") a delivery log for every pre-match session attended"
                + (missing.isEmpty
                    ? "."
                    : "; \(n.plural(missing.count, "mentor has", "mentors have")) sessions without a log and \(missing.count == 1 ? "is" : "are") left out of the comparison (missing, not counted as fully delivered).")
        )
        for group in section.groups where section.mentors.contains(where: { $0.group == group.label && $0.compared }) {
            if let practice = group.minutes.practiceShare {
                say(
                    topic,
                    "\(n.plural(group.mentors, "mentor", "mentors")) (\(group.label)) received \(n.percent(practice)) of their sessions' planned practice"
                        + (group.minutes.share.map { " and \(n.percent($0)) of the planned learning minutes." } ?? "."))
            }
        }
        let grouping = section.matchLength
        if let test = grouping.logRank {
            say(
                topic,
                "Match length by delivered fidelity: log-rank \(n.p(test.pValue)) ("
                    + grouping.groups.map { "\($0.label): \($0.matches) matches, median \(n.median($0))" }.joined(
                        separator: "; ")
                    + "). The sessions that lost practice were not chosen at random, so this is an association, not an effect of delivery."
            )
        } else if let note = grouping.logRankNote {
            say(topic, "Match length by delivered fidelity: \(note)")
        }
        if let cox = section.cox {
            say(
                topic,
                "Each 10 percentage points more of the planned practice delivered went with a closure rate \(n.fixed(cox.hazardRatio, 2)) times as high "
                    + "(\(n.interval(cox.lower, cox.upper, 2)), \(n.p(cox.pValue)), adjusted for pre-match hours, \(cox.matches) matches)"
                    + (cox.lower < 1 && cox.upper > 1
                        ? ": the interval includes 1 (no association)." : ": the interval excludes 1.")
                    + " Observational, like the other comparisons.")
        } else if let note = section.coxNote {
            say(topic, "No hazard ratio for delivered practice: \(note)")
        }
    }
}
