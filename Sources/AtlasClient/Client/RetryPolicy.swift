import Foundation

/// Where the client gets the time and how it waits: `SystemClock` in the shell, a virtual clock in tests.
package protocol AtlasClock: AnyObject {
    /// The current time (token expiry, `Retry-After` dates).
    func now() -> Date
    /// Waits `seconds` before a retry.
    func sleep(seconds: Double)
}

/// The wall clock, sleeping the calling thread. Stateless, so safe from any task.
package final class SystemClock: AtlasClock {
    /// The system clock.
    package init() {}
    package func now() -> Date { Date() }
    package func sleep(seconds: Double) { if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } }
}

/// When and how long to wait before sending a request again: capped exponential backoff with jitter, or the
/// server's `Retry-After` when it sent one.
package struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1 = never retry).
    package var maxAttempts: Int
    /// The wait before the first retry, before jitter, in seconds.
    package var baseDelay: Double
    /// The cap on a computed backoff, in seconds.
    package var maxDelay: Double
    /// The cap on a server's `Retry-After`, in seconds; a longer one is not waited for (the error is thrown).
    package var maxRetryAfter: Double

    /// A policy.
    package init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8, maxRetryAfter: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Never retries.
    package static let never = RetryPolicy(maxAttempts: 1)

    /// The backoff after failed attempt `attempt` (1-based): `min(maxDelay, baseDelay * 2^(attempt-1))`, scaled
    /// into its upper half by `random` in 0..<1 ("equal jitter"), so clients that failed together spread out.
    package func backoff(afterAttempt attempt: Int, random: Double) -> Double {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return exponential / 2 + exponential / 2 * min(max(random, 0), 1)
    }

    /// Whether a response status is worth another attempt: 429 always (Atlas refused the request before doing
    /// anything), 500/502/503/504 only for idempotent requests (a create may have succeeded).
    package static func isRetryable(status: Int, idempotent: Bool) -> Bool {
        if status == 429 { return true }
        return idempotent && [500, 502, 503, 504].contains(status)
    }

    /// Whether a transport failure is worth another attempt: a failed connect always (nothing was sent), a timeout
    /// or reset only when idempotent, a TLS failure never.
    package static func isRetryable(_ error: TransportError, idempotent: Bool) -> Bool {
        switch error.kind {
        case .couldNotConnect: true
        case .timedOut, .other: idempotent
        case .tls: false
        }
    }

    /// The seconds a `Retry-After` value asks for: delta-seconds (`120`) or an HTTP date relative to `now`;
    /// nil when it is neither.
    package static func retryAfterSeconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
