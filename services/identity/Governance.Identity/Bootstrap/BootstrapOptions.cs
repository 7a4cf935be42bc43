namespace Governance.Identity.Bootstrap;

/// <summary>
/// What a new deployment starts with. Nothing is created when a part is not configured, which is
/// how production runs once its root and first admin exist. JSON shape:
/// <code>
/// "Identity": { "Bootstrap": {
///   "Root": { "Code": "632801", "Name": "格尔木市", "Level": "county" },   // created when the tree is empty
///   "Admin": { "UserName": "admin", "Password": null },                   // null: a one-time password is logged at Warning
///   "DemoSeed": false,                                                     // standalone demo only: synthetic street, communities, grids, accounts
///   "DemoPassword": null                                                   // null: one random password for every demo account, logged at Warning
/// } }
/// </code>
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Identity:Bootstrap";

    public RootNode? Root { get; set; }
    public FirstAdmin? Admin { get; set; }
    public bool DemoSeed { get; set; }
    public string? DemoPassword { get; set; }

    public sealed class RootNode
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Level { get; set; }
    }

    public sealed class FirstAdmin
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }

        /// <summary>From a secret in a cluster; never a values file. Absent: a random one is printed once.</summary>
        public string? Password { get; set; }
    }
}
