#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback TCP listener that never accepts or answers: connections succeed, then `hello` times out.
///
/// Owns one listening socket, closed by `close()`. Not thread-safe: use from one task.
struct SilentPeer {
    struct SocketError: Error {
        var call: String
        var errno: Int32
    }

    let descriptor: Int32
    let port: UInt16

    init() throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketError(call: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress -> String? in
                if bind(descriptor, socketAddress, length) != 0 { return "bind" }
                if listen(descriptor, 8) != 0 { return "listen" }
                if getsockname(descriptor, socketAddress, &length) != 0 { return "getsockname" }
                return nil
            }
        }
        if let failedCall = bound {
            let code = errno
            closeSocket(descriptor)
            throw SocketError(call: failedCall, errno: code)
        }
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func close() {
        closeSocket(descriptor)
    }
}

private func closeSocket(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
