using AssetLedger.Core.Common;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Host.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages;

/// <summary>登录 and 退出: the same password check and lockout as <c>POST /account/login</c>.</summary>
[Public("signing in is how a user becomes known")]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.SignInLimits.PerAddress)]
public sealed class SignInModel(SignInManager<AppUser> signIn, Security.SignInLimits limits) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var signedIn = await SignInEndpoints.SignInAsync(signIn, limits, UserName, Password);
        if (signedIn.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        var code = signedIn.Errors[0].Code;
        Error = code == SignInEndpoints.LockedOutCode
            && (await signIn.UserManager.FindByNameAsync(UserName ?? string.Empty))?.LockoutEnd is { } until
            ? $"密码连续输错次数过多，账户已锁定至 {until.ToOffset(LedgerClock.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间）"
            : code == SignInEndpoints.ThrottledCode ? "该账户登录尝试过于频繁，请一分钟后再试" : "用户名或密码错误";
        Response.StatusCode = code == SignInEndpoints.ThrottledCode ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await SignInEndpoints.SignOutAsync(signIn, User);
        return Redirect("/signin");
    }
}
