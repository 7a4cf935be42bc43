namespace Governance.Console.Auth;

/// <summary>The claims of a console session: the access token's, by their JWT names, and the session key.</summary>
public static class ConsoleClaims
{
    public const string Session = "console_session";
    public const string Name = "name";
    public const string Subject = "sub";
}
