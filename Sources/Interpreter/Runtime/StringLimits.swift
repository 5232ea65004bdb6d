/// Size limits that keep hostile scripts from exhausting memory, with V8's error messages.
enum StringLimits {
    /// The longest string, in UTF-16 code units (V8's limit on 64-bit hosts: 2^29 - 24).
    static let maxLength = (1 << 29) - 24

    /// Throws `RangeError: Invalid string length` when a string of `length` UTF-16 units would be too long.
    static func check(length: Int) throws {
        if length > maxLength { throw JSError.rangeError("Invalid string length") }
    }

    /// `a + b`, or `RangeError: Invalid string length` before building a string that is too long.
    ///
    /// The UTF-8 size bounds the UTF-16 length from above and is O(1), so the exact count is only computed for
    /// strings near the limit.
    static func concatenate(_ a: String, _ b: String) throws -> String {
        if a.utf8.count + b.utf8.count > maxLength { try check(length: a.utf16.count + b.utf16.count) }
        return a + b
    }
}
