import TrainPlanFormats

/// A reader of the JSON the page sends for a plan (`PlanDocument`), written directly: the editor
/// sends it after every change, and Foundation's `JSONDecoder` cost about 60 µs of a 2 KB plan,
/// more than half of the check itself (docs/performance.md, "The workspace").
///
/// It reads only what it is sure of and gives up (nil) on anything else, and the caller then
/// asks `JSONDecoder`, whose answer stands: so a body is accepted or refused exactly as before,
/// and this reader only ever answers for bodies `JSONDecoder` reads to the same value (a test
/// holds it to that on the shipped plans, on edited and on broken bodies). It gives up on: a
/// byte order mark or any other encoding than UTF-8, invalid UTF-8, a missing or repeated key,
/// a value of another type than the field's (`null` is accepted only where `JSONDecoder`
/// reads it as nil: an optional field), a lone surrogate in a `\u` escape, a control character
/// in a string, and, in values of keys it does not know (which `JSONDecoder` skips), anything
/// but strings, `true`, `false`, `null`, integers and arrays and objects of those, at most 32
/// deep.
enum PlanJSON {
    /// The plan in `bytes`, or nil when this reader leaves the body to `JSONDecoder`.
    static func document(_ bytes: UnsafeRawBufferPointer) -> PlanDocument? {
        var reader = Reader(bytes: bytes)
        do throws(GiveUp) {
            reader.space()
            let document = try reader.document()
            reader.space()
            guard reader.index == bytes.count else { return nil }
            return document
        } catch {
            return nil
        }
    }

    /// This reader does not answer for the body.
    struct GiveUp: Error {}

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        // MARK: The plan's shapes

        mutating func document() throws(GiveUp) -> PlanDocument {
            var id: String?
            var version: String??
            var title: String?
            var module: String?
            var step: String?
            var stage: String?
            var duration: String?
            var delivery: String?
            var audience: PlanDocument.Audience??
            var objectives: [PlanDocument.Objective]?
            var agenda: [PlanDocument.Block]?
            var evaluation: [PlanDocument.Measure]?
            try object { (reader, key) throws(GiveUp) in
                switch key {
                case "id": try Self.once(&id, reader.string())
                case "version":
                    try Self.once(&version, reader.optional { (reader) throws(GiveUp) in try reader.string() })
                case "title": try Self.once(&title, reader.string())
                case "module": try Self.once(&module, reader.string())
                case "step": try Self.once(&step, reader.string())
                case "stage": try Self.once(&stage, reader.string())
                case "duration": try Self.once(&duration, reader.string())
                case "delivery": try Self.once(&delivery, reader.string())
                case "audience":
                    try Self.once(&audience, reader.optional { (reader) throws(GiveUp) in try reader.audience() })
                case "objectives":
                    try Self.once(&objectives, reader.array { (reader) throws(GiveUp) in try reader.objective() })
                case "agenda": try Self.once(&agenda, reader.array { (reader) throws(GiveUp) in try reader.block() })
                case "evaluation":
                    try Self.once(&evaluation, reader.array { (reader) throws(GiveUp) in try reader.measure() })
                default: try reader.skip(depth: 0)
                }
            }
            guard let id, let title, let module, let step, let stage, let duration, let delivery, let objectives,
                let agenda, let evaluation
            else { throw GiveUp() }
            return PlanDocument(
                id: id, version: version ?? nil, title: title, module: module, step: step, stage: stage,
                duration: duration, delivery: delivery, audience: audience ?? nil, objectives: objectives,
                agenda: agenda, evaluation: evaluation)
        }

        mutating func objective() throws(GiveUp) -> PlanDocument.Objective {
            var id: String?
            var level: String?
            var text: String?
            try object { (reader, key) throws(GiveUp) in
                switch key {
                case "id": try Self.once(&id, reader.string())
                case "level": try Self.once(&level, reader.string())
                case "text": try Self.once(&text, reader.string())
                default: try reader.skip(depth: 0)
                }
            }
            guard let id, let level, let text else { throw GiveUp() }
            return PlanDocument.Objective(id: id, level: level, text: text)
        }

        mutating func block() throws(GiveUp) -> PlanDocument.Block {
            var kind: String?
            var id: String?
            var method: String?
            var minutes: String?
            var grouping: String?
            var objectives: [String]?
            var title: String??
            var description: String??
            var materials: [String]?
            var notes: String??
            try object { (reader, key) throws(GiveUp) in
                switch key {
                case "kind": try Self.once(&kind, reader.string())
                case "id": try Self.once(&id, reader.string())
                case "method": try Self.once(&method, reader.string())
                case "minutes": try Self.once(&minutes, reader.string())
                case "grouping": try Self.once(&grouping, reader.string())
                case "objectives":
                    try Self.once(&objectives, reader.array { (reader) throws(GiveUp) in try reader.string() })
                case "title": try Self.once(&title, reader.optional { (reader) throws(GiveUp) in try reader.string() })
                case "description":
                    try Self.once(&description, reader.optional { (reader) throws(GiveUp) in try reader.string() })
                case "materials":
                    try Self.once(&materials, reader.array { (reader) throws(GiveUp) in try reader.string() })
                case "notes": try Self.once(&notes, reader.optional { (reader) throws(GiveUp) in try reader.string() })
                default: try reader.skip(depth: 0)
                }
            }
            guard let kind, let id, let method, let minutes, let grouping, let objectives, let materials else {
                throw GiveUp()
            }
            return PlanDocument.Block(
                kind: kind, id: id, method: method, minutes: minutes, grouping: grouping, objectives: objectives,
                title: title ?? nil, description: description ?? nil, materials: materials, notes: notes ?? nil)
        }

        mutating func audience() throws(GiveUp) -> PlanDocument.Audience {
            var min: String?
            var max: String?
            var text: String?
            try object { (reader, key) throws(GiveUp) in
                switch key {
                case "min": try Self.once(&min, reader.string())
                case "max": try Self.once(&max, reader.string())
                case "text": try Self.once(&text, reader.string())
                default: try reader.skip(depth: 0)
                }
            }
            guard let min, let max, let text else { throw GiveUp() }
            return PlanDocument.Audience(min: min, max: max, text: text)
        }

        mutating func measure() throws(GiveUp) -> PlanDocument.Measure {
            var level: String?
            var text: String?
            try object { (reader, key) throws(GiveUp) in
                switch key {
                case "level": try Self.once(&level, reader.string())
                case "text": try Self.once(&text, reader.string())
                default: try reader.skip(depth: 0)
                }
            }
            guard let level, let text else { throw GiveUp() }
            return PlanDocument.Measure(level: level, text: text)
        }

        // MARK: JSON

        /// A key seen twice: `JSONDecoder` decides what that means.
        private static func once<Value>(_ slot: inout Value?, _ value: Value) throws(GiveUp) {
            guard slot == nil else { throw GiveUp() }
            slot = value
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func space() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(GiveUp) {
            guard current == byte else { throw GiveUp() }
            index += 1
        }

        /// `{ "key": value, … }`; `member` reads the value of each key.
        mutating func object(_ member: (inout Reader, String) throws(GiveUp) -> Void) throws(GiveUp) {
            try expect(UInt8(ascii: "{"))
            space()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                let key = try string()
                space()
                try expect(UInt8(ascii: ":"))
                space()
                try member(&self, key)
                space()
                switch current {
                case UInt8(ascii: ","):
                    index += 1
                    space()
                case UInt8(ascii: "}"):
                    index += 1
                    return
                default: throw GiveUp()
                }
            }
        }

        /// `[ value, … ]`.
        mutating func array<Element>(_ element: (inout Reader) throws(GiveUp) -> Element) throws(GiveUp) -> [Element] {
            try expect(UInt8(ascii: "["))
            space()
            var elements: [Element] = []
            if current == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            while true {
                elements.append(try element(&self))
                space()
                switch current {
                case UInt8(ascii: ","):
                    index += 1
                    space()
                case UInt8(ascii: "]"):
                    index += 1
                    return elements
                default: throw GiveUp()
                }
            }
        }

        /// `null` as nil (what `decodeIfPresent` makes of it), else the value.
        mutating func optional<Value>(_ value: (inout Reader) throws(GiveUp) -> Value) throws(GiveUp) -> Value? {
            if current == UInt8(ascii: "n") {
                try literal("null")
                return nil
            }
            return try value(&self)
        }

        mutating func literal(_ word: StaticString) throws(GiveUp) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw GiveUp() }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw GiveUp() }
            index += count
        }

        /// A string: valid UTF-8, no control characters, the escapes of RFC 8259 (a `\u`
        /// surrogate only as a pair).
        mutating func string() throws(GiveUp) -> String {
            try expect(UInt8(ascii: "\""))
            let start = index
            // Most strings have no escape: their bytes are the value.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let value = try Self.text(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                    index += 1
                    return value
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw GiveUp() }
                index += 1
            }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else { throw GiveUp() }
                    return text
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { throw GiveUp() }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try literal("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw GiveUp() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(scalar) {
                            throw GiveUp()
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw GiveUp() }
                        out.append(contentsOf: UTF8.encode(unicode)!)
                    default: throw GiveUp()
                    }
                default:
                    guard byte >= 0x20 else { throw GiveUp() }
                    out.append(byte)
                }
            }
            throw GiveUp()
        }

        private mutating func hex4() throws(GiveUp) -> UInt32 {
            guard index + 4 <= bytes.count else { throw GiveUp() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw GiveUp()
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// The bytes as text when they are valid UTF-8 (never repaired).
        private static func text(_ raw: UnsafeRawBufferPointer) throws(GiveUp) -> String {
            guard let text = String(validating: raw, as: UTF8.self) else { throw GiveUp() }
            return text
        }

        /// A value of a key the plan does not have, which `JSONDecoder` skips: only the plain
        /// kinds, so that this reader never passes what `JSONDecoder` would refuse.
        mutating func skip(depth: Int) throws(GiveUp) {
            guard depth < 32, let byte = current else { throw GiveUp() }
            switch byte {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "["): _ = try array { (reader) throws(GiveUp) in try reader.skip(depth: depth + 1) }
            case UInt8(ascii: "{"):
                var keys: Set<String> = []
                try object { (reader, key) throws(GiveUp) in
                    guard keys.insert(key).inserted else { throw GiveUp() }
                    try reader.skip(depth: depth + 1)
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                // An integer of at most 15 digits, without a leading zero.
                if byte == UInt8(ascii: "-") { index += 1 }
                let start = index
                while let digit = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) { index += 1 }
                let digits = index - start
                guard (1...15).contains(digits), digits == 1 || bytes[start] != UInt8(ascii: "0") else {
                    throw GiveUp()
                }
                if let next = current, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(next) {
                    throw GiveUp()
                }
            default: throw GiveUp()
            }
        }
    }
}
