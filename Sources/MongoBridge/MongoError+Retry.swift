extension MongoError {
    /// Whether retrying the same command may succeed: network and server-selection failures, the
    /// `RetryableWriteError` label, and the server codes MongoDB's retryable-writes specification lists as
    /// retryable (a primary stepping down or shutting down, a host that cannot be reached, a network timeout).
    package var isTransient: Bool {
        switch kind {
        case .connection, .serverSelection: return true
        case .server, .bulkWrite:
            return errorLabels.contains("RetryableWriteError") || Self.retryableCodes.contains(code)
        case .invalidURI, .invalidArgument, .internal: return false
        }
    }

    /// The retryable-writes specification's retryable error codes.
    private static let retryableCodes: Set<Int> = [
        6,  // HostUnreachable
        7,  // HostNotFound
        89,  // NetworkTimeout
        91,  // ShutdownInProgress
        189,  // PrimarySteppedDown
        262,  // ExceededTimeLimit
        9001,  // SocketException
        10107,  // NotWritablePrimary
        11600,  // InterruptedAtShutdown
        11602,  // InterruptedDueToReplStateChange
        13435,  // NotPrimaryNoSecondaryOk
        13436,  // NotPrimaryOrSecondary
    ]
}
