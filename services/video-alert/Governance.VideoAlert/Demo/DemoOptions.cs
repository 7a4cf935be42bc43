namespace Governance.VideoAlert.Demo;

/// <summary>The standalone demo's switch. JSON shape: <code>"VideoAlert": { "Demo": { "Enabled": true } }</code> (the standalone host only).</summary>
public sealed class DemoOptions
{
    public const string Section = "VideoAlert:Demo";
    public bool Enabled { get; set; }
}
