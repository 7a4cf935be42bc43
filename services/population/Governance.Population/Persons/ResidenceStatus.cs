namespace Governance.Population.Persons;

/// <summary>How a person lives here. Wire names: registered, floating, foreign.</summary>
public enum ResidenceStatus
{
    /// <summary>户籍人口: household registration (hukou) here.</summary>
    Registered,
    /// <summary>流动人口: lives here with a residence registration and its permit (居住证).</summary>
    Floating,
    /// <summary>境外人员: a foreign national living here.</summary>
    Foreign,
}
