import Foundation

/// Hides the password in a MongoDB connection string, for display and error messages.
enum ConnectionString {
    /// Where the password stands in a connection string's user information (`user:<here>@host`), possibly
    /// empty; nil when there is none or the text is not a URI. The user information ends at the last '@'
    /// before the path or options.
    static func passwordRange(in uri: String) -> Range<String.Index>? {
        guard let schemeEnd = uri.firstRange(of: "://") else { return nil }
        let rest = uri[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return nil
        }
        return authority.index(after: colon)..<at
    }

    /// `mongodb://user:secret@host/db` becomes `mongodb://user:****@host/db`; a string without a password (or
    /// that is not a URI at all) is returned unchanged.
    static func redacting(_ uri: String) -> String {
        guard let range = passwordRange(in: uri) else { return uri }
        return uri.replacingCharacters(in: range, with: "****")
    }

    /// The password in a connection string's user information, as written (nil without one).
    static func password(in uri: String) -> String? {
        guard let range = passwordRange(in: uri), !range.isEmpty else { return nil }
        return String(uri[range])
    }

    /// `message` (from libmongoc, say) with the URI's password, raw or percent-decoded, replaced by `****`:
    /// libmongoc quotes a malformed password in its parse errors.
    static func scrubbing(_ message: String, passwordOf uri: String) -> String {
        guard let password = password(in: uri) else { return message }
        var scrubbed = message.replacingOccurrences(of: password, with: "****")
        if let decoded = password.removingPercentEncoding, !decoded.isEmpty {
            scrubbed = scrubbed.replacingOccurrences(of: decoded, with: "****")
        }
        return scrubbed
    }
}
