import Foundation

/// The stream-processing operations the shell uses, on the configured workspace. JSON in, JSON out.
extension AtlasStreamsClient {
    private var workspace: String { configuration.workspace }

    /// Every workspace of the project, as raw list pages (`{results, totalCount}`).
    package func listWorkspaces() throws(AtlasAPIError) -> [Data] {
        try allPages { [endpoints] (page, size) throws(AtlasAPIError) in
            try endpoints.listWorkspaces(page: page, itemsPerPage: size)
        }
    }

    /// One workspace, with its connections (default: the configured one).
    package func getWorkspace(_ name: String? = nil) throws(AtlasAPIError) -> Data {
        try send(endpoints.getWorkspace(name ?? workspace)).body
    }

    /// Every connection, as raw list pages.
    package func listConnections() throws(AtlasAPIError) -> [Data] {
        try allPages { [endpoints, workspace] (page, size) throws(AtlasAPIError) in
            try endpoints.listConnections(workspace: workspace, page: page, itemsPerPage: size)
        }
    }

    /// One connection.
    package func getConnection(_ name: String) throws(AtlasAPIError) -> Data {
        try send(endpoints.getConnection(workspace: workspace, name: name)).body
    }

    /// Creates connection `name` from its JSON (which carries the same `name`); returns it.
    package func createConnection(name: String, json: Data) throws(AtlasAPIError) -> Data {
        try send(endpoints.createConnection(workspace: workspace, name: name, body: json)).body
    }

    /// Replaces connection `name`'s settings with `json`; returns it.
    package func updateConnection(name: String, json: Data) throws(AtlasAPIError) -> Data {
        try send(endpoints.updateConnection(workspace: workspace, name: name, body: json)).body
    }

    /// Deletes connection `name`.
    package func deleteConnection(_ name: String) throws(AtlasAPIError) {
        try send(endpoints.deleteConnection(workspace: workspace, name: name))
    }

    /// Every processor with its stats, as raw list pages.
    package func listProcessors() throws(AtlasAPIError) -> [Data] {
        try allPages { [endpoints, workspace] (page, size) throws(AtlasAPIError) in
            try endpoints.listProcessors(workspace: workspace, page: page, itemsPerPage: size)
        }
    }

    /// One processor, with its stats.
    package func getProcessor(_ name: String) throws(AtlasAPIError) -> Data {
        try send(endpoints.getProcessor(workspace: workspace, name: name)).body
    }

    /// Creates processor `name` from `{name, pipeline, options}`; returns it. Not retried after a 5xx or a timeout
    /// (it may have been created): GET it to find out.
    package func createProcessor(name: String, json: Data) throws(AtlasAPIError) -> Data {
        try send(endpoints.createProcessor(workspace: workspace, name: name, body: json)).body
    }

    /// Changes processor `name` with `{pipeline?, options?}`; returns it.
    package func modifyProcessor(name: String, json: Data) throws(AtlasAPIError) -> Data {
        try send(endpoints.modifyProcessor(workspace: workspace, name: name, body: json)).body
    }

    /// Starts processor `name`: `:start`, or `:startWith` with `options` JSON when given.
    package func startProcessor(_ name: String, options: Data? = nil) throws(AtlasAPIError) {
        if let options {
            try send(endpoints.startProcessorWith(workspace: workspace, name: name, body: options))
        } else {
            try send(endpoints.startProcessor(workspace: workspace, name: name))
        }
    }

    /// Stops processor `name`.
    package func stopProcessor(_ name: String) throws(AtlasAPIError) {
        try send(endpoints.stopProcessor(workspace: workspace, name: name))
    }

    /// What processor `name` produced since the last call (`spsh serve` only): `{name, state, results}`.
    package func sampleProcessor(_ name: String) throws(AtlasAPIError) -> Data {
        try send(endpoints.sampleProcessor(workspace: workspace, name: name)).body
    }

    /// Deletes processor `name`.
    package func deleteProcessor(_ name: String) throws(AtlasAPIError) {
        try send(endpoints.deleteProcessor(workspace: workspace, name: name))
    }
}
