import BSONCore
import Interpreter

/// mongosh's printed forms for BSON types (`shell-bson/src/printable-bson.ts` over js-bson's inspect
/// methods), as styled segments: the quoted arguments take the string style, as js-bson inspects them.
enum BSONPrintedForms {
    static func quoted(_ text: String) -> InspectSegment {
        InspectSegment(StringEscaping.quote(text), .string)
    }

    static func objectIDSegments(_ id: BSONObjectID) -> [InspectSegment] {
        [InspectSegment("ObjectId("), quoted(id.hex), InspectSegment(")")]
    }

    static func objectID(_ id: BSONObjectID) -> InspectNode {
        .printed(objectIDSegments(id))
    }

    static func binary(_ binary: BSONBinary) -> InspectNode {
        switch binary.subtype {
        case 4 where binary.uuidString != nil:
            return .printed([InspectSegment("UUID("), quoted(binary.uuidString ?? ""), InspectSegment(")")])
        case 5:
            return .printed([InspectSegment("MD5("), quoted(Hex.encode(binary.data)), InspectSegment(")")])
        default:
            return .printed([
                InspectSegment("Binary.createFromBase64("), quoted(base64(binary.data)), InspectSegment(", "),
                InspectSegment(String(binary.subtype), .number), InspectSegment(")"),
            ])
        }
    }

    /// `ISODate('…')` in UTC with milliseconds, or `Invalid Date` outside JavaScript's date range.
    static func date(milliseconds: Int64) -> InspectNode {
        guard let iso = ISODateText.format(milliseconds: milliseconds) else {
            return .printed([InspectSegment("Invalid Date", .date)])
        }
        return .printed([InspectSegment("ISODate('\(iso)')", .date)])
    }

    /// `/pattern/flags` when JavaScript can hold the regex, otherwise `BSONRegExp('pattern', 'flags')`.
    static func regex(_ regex: BSONRegex) -> InspectNode {
        let jsFlagOrder: [Character] = ["d", "g", "i", "m", "s", "u", "v", "y"]
        let convertible =
            regex.options.allSatisfy { "imsu".contains($0) } && !hasInlineFlags(regex.pattern)
        guard convertible else {
            return .printed([
                InspectSegment("BSONRegExp("), quoted(regex.pattern), InspectSegment(", "), quoted(regex.options),
                InspectSegment(")"),
            ])
        }
        let flags = String(jsFlagOrder.filter { regex.options.contains($0) })
        return .regexp("/\(regexSource(regex.pattern))/\(flags)")
    }

    /// Inline flag groups such as `(?i)` or `(?-i)`, which JavaScript rejects.
    private static func hasInlineFlags(_ pattern: String) -> Bool {
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index + 2 < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "(" && scalars[index + 1] == "?" && "imsx-".unicodeScalars.contains(scalars[index + 2])
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// `RegExp.prototype.source`: `/` outside classes and line terminators escaped; empty → `(?:)`.
    static func regexSource(_ pattern: String) -> String {
        if pattern.isEmpty { return "(?:)" }
        var result = ""
        var inClass = false
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if escaped {
                escaped = false
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\\":
                escaped = true
                result += "\\"
            case "[":
                inClass = true
                result += "["
            case "]":
                inClass = false
                result += "]"
            case "/" where !inClass: result += "\\/"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// How mongosh prints a date inside `ISODate(...)`: the interpreter's `Date.prototype.toISOString()`.
package enum ISODateText {
    /// The ISO text for milliseconds since the epoch (JavaScript's `toISOString`, as mongosh prints dates), or nil
    /// outside JavaScript's ±8.64e15 ms range.
    package static func format(milliseconds: Int64) -> String? {
        guard abs(milliseconds) <= 8_640_000_000_000_000 else { return nil }
        return DateFormatting.isoString(Double(milliseconds))
    }
}
