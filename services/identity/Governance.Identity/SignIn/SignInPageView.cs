using System.Text;
using System.Text.Encodings.Web;

namespace Governance.Identity.SignIn;

/// <summary>The steps of a sign-in: the password; one's own password when it was given; TOTP enrolment; the TOTP code.</summary>
internal enum SignInStep { Password, NewPassword, Enrol, Totp }

/// <summary>What the sign-in page shows: which step, the values to keep, and the message, if any.</summary>
/// <param name="Pending">The earlier steps' result, sealed for a few minutes (data protection).</param>
/// <param name="Enrolment">The secret being enrolled (base32, otpauth URI, QR code as a PNG data URI).</param>
internal sealed record SignInPageModel(string ReturnUrl, string AntiforgeryField, string AntiforgeryToken, bool English,
    string? UserName = null, string? Error = null, string? Pending = null, SignInStep Step = SignInStep.Password,
    (string Secret, string Uri, string QrDataUri)? Enrolment = null);

/// <summary>
/// The sign-in page's HTML: standard field names and autocomplete tokens, so password managers and
/// screen readers work; labels bound to fields; the error announced (role="alert"). No script.
/// Chinese first, English when the browser asks for it first.
/// </summary>
internal static class SignInPageView
{
    // Chinese text stays text (the default encoder would write every character as an entity).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Render(SignInPageModel m)
    {
        var t = m.English ? English : Chinese;
        var h = Encoder;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{(m.English ? "en" : "zh-CN")}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{h.Encode(t.Title)}</title><style>{Style}</style></head><body><main>")
            .Append($"<h1>{h.Encode(t.Title)}</h1>");
        if (m.Error is not null) html.Append($"<p class=\"error\" role=\"alert\" id=\"error\">{h.Encode(m.Error)}</p>");
        html.Append("<form method=\"post\" action=\"").Append(h.Encode(SignInPage.Path)).Append("\" novalidate>")
            .Append($"<input type=\"hidden\" name=\"{h.Encode(m.AntiforgeryField)}\" value=\"{h.Encode(m.AntiforgeryToken)}\">")
            .Append($"<input type=\"hidden\" name=\"returnUrl\" value=\"{h.Encode(m.ReturnUrl)}\">");
        var described = DescribedBy(m.Error is null ? null : "error");
        // Each step's hint says why it is asked for; tied to the autofocused field, a screen reader reads it there (focus skips the paragraph).
        var hinted = DescribedBy(m.Error is null ? null : "error", "step-hint");
        if (m.Step == SignInStep.Password)
        {
            html.Append($"<label for=\"username\">{h.Encode(t.UserName)}</label>")
                .Append($"<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required autofocus value=\"{h.Encode(m.UserName ?? "")}\"{described}>")
                .Append($"<label for=\"password\">{h.Encode(t.Password)}</label>")
                .Append($"<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{described}>");
        }
        else
        {
            html.Append($"<input type=\"hidden\" name=\"username\" autocomplete=\"username\" value=\"{h.Encode(m.UserName ?? "")}\">")
                .Append($"<input type=\"hidden\" name=\"pending\" value=\"{h.Encode(m.Pending ?? "")}\">");
        }
        if (m.Step == SignInStep.NewPassword)
        {
            html.Append($"<p id=\"step-hint\">{h.Encode(t.NewPasswordHint)}</p>")
                .Append($"<label for=\"newPassword\">{h.Encode(t.NewPassword)}</label>")
                .Append($"<input id=\"newPassword\" name=\"newPassword\" type=\"password\" autocomplete=\"new-password\" required autofocus{hinted}>")
                .Append($"<label for=\"confirmPassword\">{h.Encode(t.ConfirmPassword)}</label>")
                .Append($"<input id=\"confirmPassword\" name=\"confirmPassword\" type=\"password\" autocomplete=\"new-password\" required{described}>");
        }
        if (m.Step == SignInStep.Enrol && m.Enrolment is { } e)
        {
            html.Append($"<p id=\"step-hint\">{h.Encode(t.EnrolHint)}</p>")
                .Append($"<img src=\"{h.Encode(e.QrDataUri)}\" alt=\"{h.Encode(t.QrAlt)}\" width=\"220\" height=\"220\">")
                .Append($"<p>{h.Encode(t.EnrolManual)} <code id=\"totp-secret\">{h.Encode(e.Secret)}</code></p>")
                .Append($"<p><a href=\"{h.Encode(e.Uri)}\">{h.Encode(t.EnrolLink)}</a></p>");
        }
        if (m.Step is SignInStep.Totp or SignInStep.Enrol)
        {
            if (m.Step == SignInStep.Totp) html.Append($"<p id=\"step-hint\">{h.Encode(t.TotpHint)}</p>");
            html.Append($"<label for=\"totp\">{h.Encode(t.Totp)}</label>")
                .Append($"<input id=\"totp\" name=\"totp\" type=\"text\" inputmode=\"numeric\" pattern=\"[0-9]{{6}}\" maxlength=\"6\" autocomplete=\"one-time-code\" required autofocus{hinted}>");
        }
        html.Append($"<button type=\"submit\">{h.Encode(m.Step == SignInStep.Password ? t.Submit : t.Verify)}</button></form></main></body></html>");
        return html.ToString();
    }

    private static string DescribedBy(params string?[] ids) =>
        ids.Where(id => id is not null).ToArray() is { Length: > 0 } present ? $" aria-describedby=\"{string.Join(' ', present)}\"" : "";

    internal sealed record Texts(string Title, string UserName, string Password, string Totp, string TotpHint, string Submit, string Verify,
        string WrongCredentials, string WrongTotp, string Expired, string TooMany, string Disabled, string OrgRetired,
        string NewPassword, string ConfirmPassword, string NewPasswordHint, string EnrolHint, string EnrolManual, string EnrolLink, string QrAlt);

    public static readonly Texts Chinese = new("综治平台 登录", "用户名", "密码", "动态验证码", "您的角色需要第二重验证：请输入身份验证器应用上的 6 位动态验证码。",
        "登录", "验证", "用户名或密码错误，或账户已被暂时锁定。", "动态验证码错误或已使用过，请输入新的验证码。",
        "页面已过期，请重新登录。", "尝试过于频繁，请稍后再试。", "此账户已停用：请联系管理员。", "此账户所属的组织节点已撤销：请联系管理员。",
        "新密码", "再次输入新密码", "这是他人为您设置的密码（首次登录或管理员重置）：请设置您自己的密码。至少 10 个字符并包含三类字符，或至少 16 个字符的三个词组成的短语。",
        "您的角色需要第二重验证：用身份验证器应用扫描二维码，然后输入应用显示的 6 位动态验证码。", "无法扫描时，请手动输入密钥：", "在本设备的身份验证器应用中打开",
        "动态验证码密钥的二维码");

    public static readonly Texts English = new("Governance sign-in", "User name", "Password", "One-time code",
        "Your role needs a second factor: enter the 6-digit code from your authenticator app.", "Sign in", "Verify",
        "The user name or password is wrong, or the account is locked for a while.", "The code is wrong or was used already: enter a new one.",
        "This page has expired: sign in again.", "Too many attempts: try again in a moment.",
        "This account is disabled: ask an administrator.", "This account's org node is retired: ask an administrator.",
        "New password", "New password again", "This password was set for you (first sign-in or an admin's reset): choose your own. At least 10 characters of 3 kinds, or a passphrase of 16 or more in 3 words.",
        "Your role needs a second factor: scan the QR code with an authenticator app, then enter the 6-digit code it shows.", "If you cannot scan, type this key:", "Open in this device's authenticator app",
        "QR code of the one-time code key");

    private const string Style = "body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;background:#f3f5f8;margin:0}"
        + "main{max-width:22rem;margin:10vh auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}"
        + "h1{font-size:1.4rem;margin:0 0 1.5rem}label{display:block;margin:1rem 0 .3rem}"
        + "input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a94a6;border-radius:4px}"
        + "button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#1d4ed8;color:#fff;border:0;border-radius:4px}"
        + ".error{color:#a40000;background:#fdecec;padding:.6rem;border-radius:4px}";
}
