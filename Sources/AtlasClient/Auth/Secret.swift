/// A secret string (a private API key, a client secret, a bearer token) that never prints itself: its
/// `description`, `debugDescription` and reflection all show `<redacted>`. Read the value with `reveal()` only
/// where it goes on the wire.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps `value`.
    package init(_ value: String) { self.value = value }

    /// The secret itself, for the transport.
    package func reveal() -> String { value }

    /// Whether the secret is the empty string.
    package var isEmpty: Bool { value.isEmpty }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
