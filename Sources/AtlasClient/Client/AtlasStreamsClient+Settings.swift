extension AtlasStreamsClient.Configuration {
    /// A configuration from resolved settings: their base URL and credentials, the project id and workspace
    /// from the settings or, when they have none, from `defaultGroupID`/`defaultWorkspace` (the local workspace's
    /// names). Without a project id or workspace from either, throws a configuration error saying where to set it.
    package init(
        settings: AtlasSettings, defaultGroupID: String? = nil, defaultWorkspace: String? = nil,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) throws(AtlasAPIError) {
        guard let groupID = settings.projectID ?? defaultGroupID else {
            throw .configuration(
                "No Atlas project id: set \(AtlasSettingsResolver.Variable.projectID) or 'projectId' in the config file"
            )
        }
        guard let workspace = settings.workspace ?? defaultWorkspace else {
            throw .configuration("No stream processing workspace: set 'workspace' in the config file")
        }
        self.init(
            baseURL: settings.baseURL, groupID: groupID, workspace: workspace, credentials: settings.credentials,
            retryPolicy: retryPolicy)
    }
}
