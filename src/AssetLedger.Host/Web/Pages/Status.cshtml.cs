using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages;

/// <summary>What a page shows instead of an error: a sentence in Chinese, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a refused form is re-executed here as the POST it was: its page must render, not be refused again
[Public("the page shown instead of an error must show to whoever met the error")]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "出错了";

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            403 => ("无权访问", "这一页属于您的权限范围以外的单位。如需查看，请联系管理员授权。"),
            404 => ("页面不存在", "没有找到您要的页面或记录，它可能不存在，或不在您的权限范围内。"),
            400 => ("请求有误", "提交的内容无法处理，请返回上一页检查后重试。"),
            _ => ("出错了", "服务器未能完成这次请求，已记录在日志中。请稍后重试；如果问题持续，请联系管理员。"),
        };
    }
}
