/// Hides the password in a MongoDB connection string, for display and error messages.
enum ConnectionString {
    /// `mongodb://user:secret@host/db` becomes `mongodb://user:****@host/db`; a string without a password (or
    /// that is not a URI at all) is returned unchanged.
    static func redacting(_ uri: String) -> String {
        guard let schemeEnd = uri.firstRange(of: "://") else { return uri }
        let rest = uri[schemeEnd.upperBound...]
        // The user information ends at the last '@' before the path or options.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
            let colon = authority[..<at].firstIndex(of: ":")
        else { return uri }
        return String(uri[..<authority.index(after: colon)]) + "****" + String(uri[at...])
    }
}
