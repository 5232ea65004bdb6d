import Foundation

/// Sends requests through a transport, retrying what `RetryPolicy` allows and waiting on the injected clock.
/// Returns the last response whatever its status; throws only when no response came.
///
/// Not thread-safe: use from one task.
package final class RetryingSender {
    package let transport: any HTTPTransport
    package let clock: any AtlasClock
    package var policy: RetryPolicy
    private let random: () -> Double

    /// A sender; `random` returns values in 0..<1 for jitter.
    package init(
        transport: any HTTPTransport, clock: any AtlasClock, policy: RetryPolicy, random: @escaping () -> Double
    ) {
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.random = random
    }

    /// Sends `makeRequest()` (rebuilt per attempt, so a refreshed token is used) until it succeeds, fails in a
    /// way that is not retryable, or the attempts run out.
    package func send(idempotent: Bool, _ makeRequest: () throws(AtlasAPIError) -> HTTPRequest)
        throws(AtlasAPIError) -> HTTPResponse
    {
        var attempt = 1
        while true {
            let request = try makeRequest()
            let wait: Double
            do {
                let response = try transport.send(request)
                guard attempt < policy.maxAttempts,
                    RetryPolicy.isRetryable(status: response.status, idempotent: idempotent)
                else { return response }
                if let header = response.header("Retry-After"),
                    let seconds = RetryPolicy.retryAfterSeconds(header, now: clock.now())
                {
                    guard seconds <= policy.maxRetryAfter else { return response }
                    wait = seconds
                } else {
                    wait = policy.backoff(afterAttempt: attempt, random: random())
                }
            } catch {
                guard attempt < policy.maxAttempts, RetryPolicy.isRetryable(error, idempotent: idempotent) else {
                    throw .transport(error, operation: "\(request.method.rawValue) \(request.url)")
                }
                wait = policy.backoff(afterAttempt: attempt, random: random())
            }
            clock.sleep(seconds: wait)
            attempt += 1
        }
    }
}
