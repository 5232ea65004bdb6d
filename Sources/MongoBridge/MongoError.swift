import BSONCore
import CMongoC

/// An error from libmongoc or the server, as data; `Formatting` renders it as `Name[codeName]: message`.
///
/// Built in one place, `MongoError.init(_:reply:context:isBulkWrite:)`, which switches on libmongoc's
/// `(domain, code)`. Server errors keep the server's code, codeName, message and labels. Pure value type; safe to
/// share across tasks.
package struct MongoError: Error, Sendable, Equatable {
    /// What failed: how to present it and whether it is the user's, the server's or a bug.
    package enum Kind: Sendable, Hashable {
        /// No server answered within `serverSelectionTimeoutMS`.
        case serverSelection
        /// A socket error: connecting, name resolution, or a connection dropped mid-command or mid-cursor.
        case connection
        /// The server answered `ok: 0`, or reported a write or write-concern error.
        case server
        /// Write errors from a multi-document write (`insertMany`); `reply` holds the partial result.
        case bulkWrite
        /// The connection string could not be parsed.
        case invalidURI
        /// An argument libmongoc rejected before sending anything (or a closed client or cursor).
        case invalidArgument
        /// A bug, here or in libmongoc; the only kind that asks for a bug report.
        case `internal`
    }

    /// What failed.
    package var kind: Kind
    /// libmongoc's error domain (`mongoc_error_domain_t`, e.g. 17 `MONGOC_ERROR_SERVER`); 0 when raised here.
    package var domain: UInt32
    /// The server's error code for server errors (11000, 2, 59 …), otherwise libmongoc's `mongoc_error_code_t`.
    package var code: Int
    /// The server's code name (`DuplicateKey`), from the reply or else, for `.server` errors, from
    /// `MongoError.codeName(for:)`; mongosh shows none for a bulk write error whose write error has none.
    package var codeName: String?
    /// What went wrong: the server's `errmsg`, or libmongoc's message. Never contains a password.
    package var message: String
    /// The server's `errorLabels` (`TransientTransactionError`, `RetryableWriteError` …).
    package var errorLabels: [String]
    /// The server's reply or write result, copied, when there was one.
    package var reply: BSONDocument?
    /// What this library was doing, for logs and internal errors (`running 'find' on database 'test'`).
    package var context: String

    /// Makes an error raised here rather than by libmongoc.
    package init(
        kind: Kind, message: String, code: Int = 0, codeName: String? = nil, context: String = "",
        reply: BSONDocument? = nil
    ) {
        self.kind = kind
        self.domain = 0
        self.code = code
        self.codeName = codeName
        self.message = message
        self.errorLabels = []
        self.reply = reply
        self.context = context
    }

    /// The error class name the shell prints, as mongosh does (`MongoServerError`, `MongoNetworkError` …).
    package var name: String {
        switch kind {
        case .serverSelection: "MongoServerSelectionError"
        case .connection: "MongoNetworkError"
        case .server: "MongoServerError"
        case .bulkWrite: "MongoBulkWriteError"
        case .invalidURI: "MongoParseError"
        case .invalidArgument: "MongoInvalidArgumentError"
        case .internal: "MongoRuntimeError"
        }
    }

    /// Translates a libmongoc error and its reply (already copied) into a `MongoError`: the one translation point.
    ///
    /// Expects error API version 2 (`mongoc_client_set_error_api(client, 2)`), where server errors have domain
    /// `MONGOC_ERROR_SERVER` and the server's code.
    init(_ error: bson_error_t, reply: BSONDocument?, context: String, isBulkWrite: Bool = false) {
        let domain = mongoc_error_domain_t(error.domain)
        let code = mongoc_error_code_t(error.code)
        let libraryMessage = Self.message(of: error)
        self.domain = error.domain
        self.code = Int(error.code)
        self.codeName = nil
        self.message = libraryMessage
        self.errorLabels = []
        self.reply = reply
        self.context = context
        switch (domain, code) {
        case (MONGOC_ERROR_SERVER_SELECTION, _):
            kind = .serverSelection
        case (MONGOC_ERROR_STREAM, _), (MONGOC_ERROR_PROTOCOL, MONGOC_ERROR_PROTOCOL_INVALID_REPLY):
            kind = .connection
        case (MONGOC_ERROR_SERVER, _), (MONGOC_ERROR_WRITE_CONCERN, _), (MONGOC_ERROR_QUERY, _):
            kind = isBulkWrite && Self.hasWriteErrors(reply) ? .bulkWrite : .server
            adoptServerFields(from: reply)
        case (MONGOC_ERROR_CLIENT, MONGOC_ERROR_CLIENT_AUTHENTICATE), (MONGOC_ERROR_SASL, _),
            (MONGOC_ERROR_SCRAM, _):
            // libmongoc reports a failed handshake in its own domain; present it as the server's code 18.
            kind = .server
            self.code = 18
            adoptServerFields(from: reply)
        case (MONGOC_ERROR_COMMAND, _), (MONGOC_ERROR_BSON, _), (MONGOC_ERROR_CURSOR, _), (MONGOC_ERROR_NAMESPACE, _),
            (MONGOC_ERROR_COLLECTION, _), (MONGOC_ERROR_CLIENT, MONGOC_ERROR_CLIENT_TOO_BIG),
            (MONGOC_ERROR_PROTOCOL, MONGOC_ERROR_PROTOCOL_BAD_WIRE_VERSION):
            kind = .invalidArgument
        default:
            kind = .internal
            self.message = context.isEmpty ? libraryMessage : "\(libraryMessage) (while \(context))"
        }
        // mongosh shows no code name for a bulk write error unless the write error has one.
        if codeName == nil, kind == .server { codeName = Self.codeName(for: self.code) }
    }

    /// The error that an `ok: 1` write reply reports in `writeErrors` or `writeConcernError` (libmongoc returns
    /// success for those), or nil when the write succeeded: `.bulkWrite` for write errors of a multi-document
    /// write when `isBulkWrite`, else `.server`, with the first error's code, codeName and message.
    package init?(writeReply reply: BSONDocument, context: String, isBulkWrite: Bool) {
        let hasConcernError = reply["writeConcernError"] != nil
        guard Self.hasWriteErrors(reply) || hasConcernError else { return nil }
        self.init(
            kind: isBulkWrite && Self.hasWriteErrors(reply) ? .bulkWrite : .server, message: "", context: context,
            reply: reply)
        domain = Self.hasWriteErrors(reply) ? MONGOC_ERROR_SERVER.rawValue : MONGOC_ERROR_WRITE_CONCERN.rawValue
        adoptServerFields(from: reply)
        if codeName == nil, kind == .server { codeName = Self.codeName(for: code) }
    }

    /// Takes code, codeName, errmsg and errorLabels from a server reply: the top level for `ok: 0`, else the first
    /// write error, else the write-concern error. Keeps libmongoc's values for anything missing.
    private mutating func adoptServerFields(from reply: BSONDocument?) {
        guard let reply else { return }
        if case .array(let labels)? = reply["errorLabels"] {
            errorLabels = labels.compactMap { if case .string(let label) = $0 { label } else { nil } }
        }
        var source = reply
        if reply["code"] == nil {
            if case .array(let writeErrors)? = reply["writeErrors"], case .document(let first)? = writeErrors.first {
                source = first
            } else if case .document(let concernError)? = reply["writeConcernError"] {
                source = concernError
            }
        }
        if let code = source["code"].flatMap(Self.integer) { self.code = code }
        if case .string(let name)? = source["codeName"] { codeName = name }
        if case .string(let text)? = source["errmsg"], !text.isEmpty { message = text }
    }

    private static func hasWriteErrors(_ reply: BSONDocument?) -> Bool {
        if case .array(let errors)? = reply?["writeErrors"] { return !errors.isEmpty }
        return false
    }

    private static func integer(_ value: BSONValue) -> Int? {
        switch value {
        case .int32(let number): Int(number)
        case .int64(let number): Int(number)
        case .double(let number): Int(exactly: number)
        default: nil
        }
    }

    /// The text of `bson_error_t.message`, a NUL-terminated char array.
    static func message(of error: bson_error_t) -> String {
        withUnsafeBytes(of: error.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
