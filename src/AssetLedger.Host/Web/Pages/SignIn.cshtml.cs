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
public sealed class SignInModel(SignInManager<AppUser> signIn) : PageModel
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
        var signedIn = await SignInEndpoints.SignInAsync(signIn, UserName, Password);
        if (signedIn.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = signedIn.Errors[0].Code == SignInEndpoints.LockedOutCode
            && (await signIn.UserManager.FindByNameAsync(UserName ?? string.Empty))?.LockoutEnd is { } until
            ? $"密码连续输错次数过多，账户已锁定至 {until.ToOffset(LedgerClock.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间）"
            : "用户名或密码错误";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/signin");
    }
}
