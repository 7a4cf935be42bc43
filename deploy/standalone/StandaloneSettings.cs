namespace Governance.Standalone;

/// <summary>
/// Settings the standalone host derives from where it listens, so that one command runs it: the
/// identity service in this process is the token issuer every other service here trusts.
/// </summary>
internal static class StandaloneSettings
{
    public static void Apply(ConfigurationManager configuration)
    {
        var bind = configuration["Hosting:BindAddress"] ?? "127.0.0.1";
        var host = bind is "0.0.0.0" or "::" ? "127.0.0.1" : bind;
        var port = configuration["Hosting:HttpPort"] ?? "8080";
        var data = configuration["Database:Directory"] ?? "data";
        var derived = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(configuration["Auth:Issuer"]))
        {
            derived["Auth:Issuer"] = $"http://{host}:{port}";
            // The issuer is this very process: its keys are read over plain HTTP even when it listens off loopback.
            derived["Auth:RequireHttpsMetadata"] = configuration["Auth:RequireHttpsMetadata"] ?? "false";
        }
        if (string.IsNullOrEmpty(configuration["Auth:Audience"])) derived["Auth:Audience"] = "governance";
        // The key that encrypts signing keys lives beside the databases it protects; a cluster
        // sets Identity:KeyEncryptionKey from a secret instead.
        if (string.IsNullOrEmpty(configuration["Identity:KeyEncryptionKey"]) && string.IsNullOrEmpty(configuration["Identity:KeyEncryptionKeyFile"]))
            derived["Identity:KeyEncryptionKeyFile"] = Path.Combine(data, "identity.kek");
        // Mediation's key (parties' contacts) is its own: one key's compromise does not open the other's data.
        if (string.IsNullOrEmpty(configuration["Mediation:KeyEncryptionKey"]) && string.IsNullOrEmpty(configuration["Mediation:KeyEncryptionKeyFile"]))
            derived["Mediation:KeyEncryptionKeyFile"] = Path.Combine(data, "mediation.kek");
        // Population's keys likewise: the first encryption key (id 1) and the look-up hash's own secret.
        if (!configuration.GetSection("Population:Protection:Keys").GetChildren().Any())
            derived["Population:Protection:Keys:1:KeyFile"] = Path.Combine(data, "population-1.key");
        if (string.IsNullOrEmpty(configuration["Population:Protection:LookupKey"]) && string.IsNullOrEmpty(configuration["Population:Protection:LookupKeyFile"]))
            derived["Population:Protection:LookupKeyFile"] = Path.Combine(data, "population-lookup.key");
        // Population places a house's point in its grid by asking grid's LocateGrid over gRPC, here on this process's own gRPC port.
        if (string.IsNullOrEmpty(configuration["Population:Grid:Address"]))
            derived["Population:Grid:Address"] = $"http://{host}:{configuration["Hosting:GrpcPort"] ?? "8081"}";
        // Video-alert's key (devices' SIP passwords) is its own too; it places cameras in their grids through the same gRPC port.
        if (string.IsNullOrEmpty(configuration["VideoAlert:SipKeyEncryptionKey"]) && string.IsNullOrEmpty(configuration["VideoAlert:SipKeyEncryptionKeyFile"]))
            derived["VideoAlert:SipKeyEncryptionKeyFile"] = Path.Combine(data, "videoalert-sip.kek");
        if (string.IsNullOrEmpty(configuration["VideoAlert:Grid:Address"]))
            derived["VideoAlert:Grid:Address"] = $"http://{host}:{configuration["Hosting:GrpcPort"] ?? "8081"}";
        // Video-alert's router reports incidents to grid as the service account this process makes at first start
        // (ServiceAccounts), its secret in the data folder; tokens from this process's own token endpoint.
        if (string.IsNullOrEmpty(configuration["VideoAlert:Grid:TokenEndpoint"]))
        {
            derived["VideoAlert:Grid:TokenEndpoint"] = $"http://{host}:{port}/connect/token";
            derived["VideoAlert:Grid:ClientId"] = ServiceAccounts.VideoAlert.ClientId;
            derived["VideoAlert:Grid:ClientSecretFile"] = Path.Combine(data, "videoalert-grid-client.secret");
        }
        // Assessment reads population's care-visit counts over this process's gRPC port, as its own service account likewise.
        if (string.IsNullOrEmpty(configuration["Assessment:Population:Address"]))
            derived["Assessment:Population:Address"] = $"http://{host}:{configuration["Hosting:GrpcPort"] ?? "8081"}";
        if (string.IsNullOrEmpty(configuration["Assessment:Population:TokenEndpoint"]))
        {
            derived["Assessment:Population:TokenEndpoint"] = $"http://{host}:{port}/connect/token";
            derived["Assessment:Population:ClientId"] = ServiceAccounts.Assessment.ClientId;
            derived["Assessment:Population:ClientSecretFile"] = Path.Combine(data, "assessment-population-client.secret");
        }
        // The web console (mounted at /console) signs in at this process's identity, which must know its callbacks.
        if (!configuration.GetSection("Identity:OAuth:ConsoleRedirectUris").GetChildren().Any())
            derived["Identity:OAuth:ConsoleRedirectUris:0"] = $"http://{host}:{port}/console/signin-oidc";
        if (!configuration.GetSection("Identity:OAuth:ConsolePostLogoutRedirectUris").GetChildren().Any())
            derived["Identity:OAuth:ConsolePostLogoutRedirectUris:0"] = $"http://{host}:{port}/console/signout-callback-oidc";
        // The console's alerts page and dashboard watch video-alert's WatchAlerts stream on this process's own gRPC port
        // (as the signed-in user), rather than polling its REST list.
        if (string.IsNullOrEmpty(configuration["Console:VideoAlertGrpcAddress"]))
            derived["Console:VideoAlertGrpcAddress"] = $"http://{host}:{configuration["Hosting:GrpcPort"] ?? "8081"}";
        // Search reads incidents' title, description and address from grid over this process's gRPC port, as its own service account.
        if (string.IsNullOrEmpty(configuration["Search:Grid:Address"]))
            derived["Search:Grid:Address"] = $"http://{host}:{configuration["Hosting:GrpcPort"] ?? "8081"}";
        if (string.IsNullOrEmpty(configuration["Search:Grid:TokenEndpoint"]))
        {
            derived["Search:Grid:TokenEndpoint"] = $"http://{host}:{port}/connect/token";
            derived["Search:Grid:ClientId"] = ServiceAccounts.Search.ClientId;
            derived["Search:Grid:ClientSecretFile"] = Path.Combine(data, "search-grid-client.secret");
        }
        // This month's and last month's care-visit counts, fetched again every hour.
        if (string.IsNullOrEmpty(configuration["Assessment:Population:RefreshInterval"])) derived["Assessment:Population:RefreshInterval"] = "01:00:00";
        configuration.AddInMemoryCollection(derived);
    }
}
