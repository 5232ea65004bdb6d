/// Hexadecimal text of bytes, both ways: ObjectIds, UUIDs and MD5s print and parse through here.
package enum Hex {
    /// Lower-case hexadecimal digits, two per byte.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes that hexadecimal text (either case) spells; nil for an odd length or a non-hex character.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

extension BSONBinary {
    /// `01234567-89ab-cdef-0123-456789abcdef` for 16 bytes of data (the UUID text form); nil for other lengths.
    package var uuidString: String? {
        guard data.count == 16 else { return nil }
        let digits = Array(Hex.encode(data))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }

    /// The 16 bytes of a UUID written as 8-4-4-4-12 hexadecimal digits; nil for anything else.
    package static func uuidBytes(hyphenated text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36, [8, 13, 18, 23].allSatisfy({ utf8[$0] == UInt8(ascii: "-") }) else { return nil }
        return Hex.decode(text.replacingOccurrences(of: "-", with: ""))
    }
}
