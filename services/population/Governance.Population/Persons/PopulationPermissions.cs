namespace Governance.Population.Persons;

/// <summary>
/// The permissions population's endpoints and rpcs ask for (which roles carry them is identity's data,
/// seeded from its RoleCatalog). Each is checked against the person's org path.
/// </summary>
public static class PopulationPermissions
{
    /// <summary>Read persons, masked (grid workers and leaders, care workers, investigators).</summary>
    public const string Read = "population.read";

    /// <summary>Register persons in the grid or community (grid workers and leaders).</summary>
    public const string Register = "population.register";

    /// <summary>Find a person by a document number (investigators).</summary>
    public const string Lookup = "population.identifier.lookup";

    /// <summary>See a person's identity number, phone and permit number unmasked, with a stated purpose.</summary>
    public const string Reveal = "population.reveal";

    /// <summary>Read who read which person's record, within the auditor's subtree.</summary>
    public const string AuditRead = "population.audit.read";

    /// <summary>Change population's rules as data (the rental grading rules), held at the top of the org tree (centre staff, admins).</summary>
    public const string RulesManage = "population.rules.manage";

    /// <summary>
    /// See how many values each encryption key holds and move them to the current key (platform admins). The keys
    /// protect every org's records alike: no org scope applies.
    /// </summary>
    public const string KeysManage = "population.keys.manage";

    /// <summary>Read the rules as data (every staff role holding it reads every service's rules).</summary>
    public const string RulesRead = "rules.read";
}
