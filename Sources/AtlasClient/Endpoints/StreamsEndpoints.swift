import Foundation

/// The stream-processing endpoints of one project (`groupId`), as `Endpoint` values with the paths, methods and
/// versions of the OpenAPI spec (`atlas-streams-openapi.yaml`). Names are encoded with `PathSegment`.
package struct StreamsEndpoints: Sendable {
    /// The project id (24 hex characters on Atlas; any name on the local workspace).
    package let groupID: String

    /// The endpoints of project `groupID`.
    package init(groupID: String) { self.groupID = groupID }

    private func root() throws(AtlasAPIError) -> String {
        "/api/atlas/v2/groups/\(try PathSegment.encode(groupID, kind: "project id"))/streams"
    }

    private func workspacePath(_ workspace: String) throws(AtlasAPIError) -> String {
        try root() + "/" + PathSegment.encode(workspace, kind: "workspace")
    }

    private static func paging(_ page: Int, _ itemsPerPage: Int) -> [QueryItem] {
        [QueryItem("pageNum", String(page)), QueryItem("itemsPerPage", String(itemsPerPage))]
    }

    // MARK: Workspaces (2023-02-01)

    /// `GET /streams`: one page of workspaces.
    package func listWorkspaces(page: Int, itemsPerPage: Int) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "listGroupStreamWorkspaces", method: .get, path: try root(),
            query: Self.paging(page, itemsPerPage), version: .workspacesAndConnections)
    }

    /// `GET /streams/{tenantName}`, with its connections.
    package func getWorkspace(_ workspace: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "getGroupStreamWorkspace", method: .get, path: try workspacePath(workspace),
            query: [QueryItem("includeConnections", "true")], version: .workspacesAndConnections,
            resource: .workspace(workspace))
    }

    // MARK: Connections (2023-02-01)

    /// `GET /streams/{tenantName}/connections`: one page.
    package func listConnections(workspace: String, page: Int, itemsPerPage: Int) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "listGroupStreamConnections", method: .get,
            path: try workspacePath(workspace) + "/connections",
            query: Self.paging(page, itemsPerPage), version: .workspacesAndConnections, resource: .workspace(workspace))
    }

    /// `GET /streams/{tenantName}/connections/{connectionName}`.
    package func getConnection(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "getGroupStreamConnection", method: .get, path: try connectionPath(workspace, name),
            version: .workspacesAndConnections, resource: .connection(name))
    }

    /// `POST /streams/{tenantName}/connections` with the connection's JSON (whose `name` is `name`).
    package func createConnection(workspace: String, name: String, body: Data) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "createGroupStreamConnection", method: .post,
            path: try workspacePath(workspace) + "/connections", version: .workspacesAndConnections, body: body,
            resource: .connection(name))
    }

    /// `PATCH /streams/{tenantName}/connections/{connectionName}` with the whole connection's JSON.
    package func updateConnection(workspace: String, name: String, body: Data) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "updateGroupStreamConnection", method: .patch, path: try connectionPath(workspace, name),
            version: .workspacesAndConnections, body: body, resource: .connection(name))
    }

    /// `DELETE /streams/{tenantName}/connections/{connectionName}` (202 Accepted).
    package func deleteConnection(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "deleteGroupStreamConnection", method: .delete, path: try connectionPath(workspace, name),
            version: .workspacesAndConnections, resource: .connection(name))
    }

    private func connectionPath(_ workspace: String, _ name: String) throws(AtlasAPIError) -> String {
        try workspacePath(workspace) + "/connections/" + PathSegment.encode(name, kind: "connection")
    }

    // MARK: Processors (2024-05-30; :startWith 2025-03-12)

    /// `GET /streams/{tenantName}/processors`: one page, with stats and `totalCount`.
    package func listProcessors(workspace: String, page: Int, itemsPerPage: Int) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "getGroupStreamProcessors", method: .get, path: try workspacePath(workspace) + "/processors",
            query: Self.paging(page, itemsPerPage) + [QueryItem("includeCount", "true")], version: .processors,
            resource: .workspace(workspace))
    }

    /// `GET /streams/{tenantName}/processor/{processorName}`: the processor with its `stats` (the spec has no
    /// option to leave them out).
    package func getProcessor(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "getGroupStreamProcessor", method: .get, path: try processorPath(workspace, name),
            version: .processors, resource: .processor(name))
    }

    /// `POST /streams/{tenantName}/processor` with `{name, pipeline, options}` (`name` names it in errors).
    package func createProcessor(workspace: String, name: String, body: Data) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "createGroupStreamProcessor", method: .post, path: try workspacePath(workspace) + "/processor",
            version: .processors, body: body, resource: .processor(name))
    }

    /// `PATCH /streams/{tenantName}/processor/{processorName}` with `{pipeline?, options?, name?}`.
    package func modifyProcessor(workspace: String, name: String, body: Data) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "updateGroupStreamProcessor", method: .patch, path: try processorPath(workspace, name),
            version: .processors, body: body, resource: .processor(name))
    }

    /// `POST /streams/{tenantName}/processor/{processorName}:start`, no body.
    package func startProcessor(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "startGroupStreamProcessor", method: .post,
            path: try processorPath(workspace, name) + ":start",
            version: .processors, resource: .processor(name))
    }

    /// `POST /streams/{tenantName}/processor/{processorName}:startWith` with `{resumeFromCheckpoint,
    /// startAtOperationTime, tier, failover}`.
    package func startProcessorWith(workspace: String, name: String, body: Data) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "startGroupStreamProcessorWith", method: .post,
            path: try processorPath(workspace, name) + ":startWith", version: .startWith, body: body,
            resource: .processor(name))
    }

    /// `POST /streams/{tenantName}/processor/{processorName}:stop`, no body.
    package func stopProcessor(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "stopGroupStreamProcessor", method: .post, path: try processorPath(workspace, name) + ":stop",
            version: .processors, resource: .processor(name))
    }

    /// `GET /streams/{tenantName}/processor/{processorName}:sample`: local-only (`spsh serve`; Atlas has no REST
    /// sample endpoint, atlas-api.md §8): `{name, state, results}` with what the processor produced since the
    /// last call.
    package func sampleProcessor(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "localSampleStreamProcessor", method: .get,
            path: try processorPath(workspace, name) + ":sample", version: .processors, resource: .processor(name))
    }

    /// `DELETE /streams/{tenantName}/processor/{processorName}` (204 No Content).
    package func deleteProcessor(workspace: String, name: String) throws(AtlasAPIError) -> Endpoint {
        Endpoint(
            operationID: "deleteGroupStreamProcessor", method: .delete, path: try processorPath(workspace, name),
            version: .processors, resource: .processor(name))
    }

    private func processorPath(_ workspace: String, _ name: String) throws(AtlasAPIError) -> String {
        try workspacePath(workspace) + "/processor/" + PathSegment.encode(name, kind: "processor")
    }
}
