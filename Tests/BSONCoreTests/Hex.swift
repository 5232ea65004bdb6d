import BSONCore

/// The case tables' hex forms, over BSONCore's codec.
extension Hex {
    /// Bytes from hex digits (either case); spaces are ignored. A malformed table entry gives no bytes, so its
    /// case fails loudly.
    static func bytes(_ hex: String) -> [UInt8] {
        decode(String(hex.filter { !$0.isWhitespace })) ?? []
    }

    /// Upper-case hex digits, as in the BSON corpus.
    static func string(_ bytes: [UInt8]) -> String {
        encode(bytes).uppercased()
    }
}
