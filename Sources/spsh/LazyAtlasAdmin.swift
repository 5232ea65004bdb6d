import BSONCore
import ShellAPI

/// An `AtlasAdmin` made on first use, so the shell starts without touching the network or starting the local
/// workspace: `make` runs once, on the first `sp` call that needs the API, and its result serves every call
/// after. If `make` fails, the error is thrown and the next call tries again.
final class LazyAtlasAdmin: AtlasAdmin {
    let targetDescription: String
    private let make: () throws -> any AtlasAdmin
    private var made: (any AtlasAdmin)?

    init(targetDescription: String, make: @escaping () throws -> any AtlasAdmin) {
        self.targetDescription = targetDescription
        self.make = make
    }

    private func admin() throws -> any AtlasAdmin {
        if let made { return made }
        let admin = try make()
        made = admin
        return admin
    }

    func listProcessors() throws -> [BSONDocument] { try admin().listProcessors() }
    func getProcessor(name: String, includeStats: Bool) throws -> BSONDocument {
        try admin().getProcessor(name: name, includeStats: includeStats)
    }
    func createProcessor(name: String, pipeline: [BSONValue], options: BSONDocument?) throws -> BSONDocument {
        try admin().createProcessor(name: name, pipeline: pipeline, options: options)
    }
    func modifyProcessor(name: String, pipeline: [BSONValue]?, options: BSONDocument?) throws -> BSONDocument {
        try admin().modifyProcessor(name: name, pipeline: pipeline, options: options)
    }
    func startProcessor(name: String, options: BSONDocument?) throws {
        try admin().startProcessor(name: name, options: options)
    }
    func stopProcessor(name: String) throws { try admin().stopProcessor(name: name) }
    func deleteProcessor(name: String) throws { try admin().deleteProcessor(name: name) }
    func sampleProcessor(name: String) throws -> (state: String, documents: [BSONDocument]) {
        try admin().sampleProcessor(name: name)
    }
    func listConnections() throws -> [BSONDocument] { try admin().listConnections() }
    func getConnection(name: String) throws -> BSONDocument { try admin().getConnection(name: name) }
    func createConnection(_ connection: BSONDocument) throws -> BSONDocument {
        try admin().createConnection(connection)
    }
    func updateConnection(name: String, _ connection: BSONDocument) throws -> BSONDocument {
        try admin().updateConnection(name: name, connection)
    }
    func deleteConnection(name: String) throws { try admin().deleteConnection(name: name) }
}
