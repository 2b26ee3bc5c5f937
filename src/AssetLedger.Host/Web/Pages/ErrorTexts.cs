using System.Text.RegularExpressions;
using AssetLedger.Core.Common;

namespace AssetLedger.Host.Web.Pages;

/// <summary>
/// What the pages say, in Chinese, about an error of the ledger: one sentence per error code, beside the ledger's own
/// message (the API's and the command line's text, which names the offending value) and its place, with the
/// places' words (line, row, column, sheet) in Chinese.
/// </summary>
public static partial class ErrorTexts
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["access.denied"] = "超出您的权限范围",
        ["access.undeclared"] = "该页面未声明访问权限，已拒绝访问",
        ["account.code_invalid"] = "科目编码格式不正确",
        ["account.code_taken"] = "科目编码已被使用",
        ["account.name_mismatch"] = "科目编码与科目名称不符",
        ["account.not_leaf"] = "该科目有下级科目，只能记到最末级明细科目",
        ["account.parent_in_use"] = "上级科目已有发生额或余额，不能再增设明细科目",
        ["account.parent_unknown"] = "没有对应的上级科目",
        ["account.standard_code"] = "这是制度规定的一级科目编码，不能自行增设",
        ["account.unknown"] = "本账套没有这个科目",
        ["alert.action_unknown"] = "没有这种预警处理方式",
        ["alert.state_invalid"] = "预警状态不正确",
        ["alert.transition_invalid"] = "预警当前的状态不能这样处理",
        ["alert.unknown"] = "没有这条预警",
        ["area.invalid"] = "面积不正确（以亩计，最多两位小数）",
        ["asset.accumulated_invalid"] = "已提折旧不正确",
        ["asset.below_threshold"] = "不符合固定资产标准（单价 500 元以上、使用年限一年以上）",
        ["asset.code_repeated"] = "文件中资产编号重复",
        ["asset.code_taken"] = "资产编号已被使用",
        ["asset.date_invalid"] = "日期不正确",
        ["asset.depreciation_first"] = "请先计提本月折旧再处置",
        ["asset.disposed"] = "该资产已处置",
        ["asset.not_in_books"] = "资产卡片超出账面：固定资产或累计折旧科目没有相应金额",
        ["asset.not_units"] = "该资产不按工作量法计提折旧",
        ["asset.number_invalid"] = "数量或月数不正确，须为规定范围内的整数",
        ["asset.proceeds_negative"] = "处置收入不能为负数",
        ["asset.rate_invalid"] = "净残值率不正确",
        ["asset.status_invalid"] = "使用状态不正确",
        ["asset.units_invalid"] = "工作量不正确",
        ["asset.unknown"] = "没有这个资产",
        ["asset.usage_invalid"] = "用途不正确",
        ["asset.value_invalid"] = "金额或数量不正确",
        ["backtest.range_invalid"] = "回测起止日期不正确",
        ["batch.more_errors"] = "还有更多问题未逐条列出",
        ["budget.account_invalid"] = "预算只能按收入或支出的末级科目编制",
        ["budget.adjustment_invalid"] = "调整后的预算不能为负数",
        ["budget.amount_invalid"] = "预算金额不正确",
        ["budget.months_differ"] = "各月预算之和与全年预算不一致",
        ["budget.overlap"] = "该科目已有不同金额的预算；请用预算调整",
        ["budget.unknown"] = "该科目本年没有预算",
        ["config.database_connection"] = "数据库连接设置缺失",
        ["config.database_path"] = "数据库设置相互矛盾",
        ["config.database_provider"] = "数据库类型设置不正确",
        ["config.import_limit"] = "导入文件大小上限设置不正确",
        ["config.known_proxies"] = "反向代理地址设置不正确",
        ["config.public_url"] = "平台网址设置不正确",
        ["config.schedule"] = "定时任务设置不正确",
        ["config.smtp_from"] = "发件人地址设置不正确",
        ["config.smtp_port"] = "邮件服务器端口设置不正确",
        ["config.smtp_security"] = "邮件加密方式设置不正确",
        ["contract.amount_invalid"] = "合同金额不正确",
        ["contract.amount_mismatch"] = "面积×单价与年租金不一致",
        ["contract.amount_missing"] = "请填写年租金，或面积和单价",
        ["contract.date_invalid"] = "日期不正确",
        ["contract.number_repeated"] = "文件中合同编号重复",
        ["contract.number_taken"] = "合同编号已被使用",
        ["contract.overpaid"] = "收款超过合同尚未收取的金额",
        ["contract.renewal_invalid"] = "续签后的终止日期须晚于原终止日期",
        ["contract.subject_unknown"] = "合同标的不在资源或资产台账中",
        ["contract.subjects_missing"] = "请填写合同标的（资源或资产编号）",
        ["contract.term_invalid"] = "合同期限不正确",
        ["contract.terminated"] = "合同已提前解除，不能再续签、变更或解除",
        ["contract.unknown"] = "没有这份合同",
        ["contract.value_invalid"] = "数值不正确",
        ["csrf.invalid"] = "页面已过期，请刷新后重试",
        ["csv.account_missing"] = "缺少科目",
        ["csv.attachments_invalid"] = "附件张数不正确",
        ["csv.bad_quoting"] = "文件中的引号不配对",
        ["csv.duplicate_column"] = "表头有重复的列",
        ["csv.empty"] = "文件是空的",
        ["csv.extra_field"] = "有数据不在任何一列的表头下",
        ["csv.key_missing"] = "缺少凭证标识",
        ["csv.malformed"] = "文件格式不正确",
        ["csv.missing_column"] = "缺少必需的列",
        ["csv.no_rows"] = "文件中没有数据行",
        ["csv.unknown_column"] = "表头有无法识别的列",
        ["date.invalid"] = "日期不正确（应为 年-月-日）",
        ["demo.not_empty"] = "数据库中已有数据，不能再载入演示数据",
        ["depreciation.not_run"] = "该月尚未计提折旧",
        ["disclosure.not_quarter_end"] = "财务公开按季度，期间须为季末月份",
        ["grant.not_granted"] = "没有这项授权",
        ["grant.role_invalid"] = "角色不正确",
        ["grant.scope_level"] = "该角色不能授予这一级单位",
        ["grant.scope_missing"] = "请填写授权范围（单位编码）",
        ["grant.scope_unexpected"] = "管理员权限覆盖全部单位，不填范围",
        ["import.file_missing"] = "请选择要导入的文件",
        ["import.unknown"] = "不支持这种导入",
        ["import.year_missing"] = "请填写年度",
        ["money.empty"] = "金额为空",
        ["money.invalid"] = "金额格式不正确",
        ["money.overflow"] = "金额过大",
        ["money.too_many_decimals"] = "金额最多两位小数",
        ["notify.address_invalid"] = "电子邮箱地址不正确",
        ["opening.already_set"] = "期初余额已经导入，且与本次不同",
        ["opening.duplicate"] = "同一科目（往来单位）的期初余额重复",
        ["opening.periods_closed"] = "已有月份结账，不能再导入期初余额",
        ["opening.unbalanced"] = "期初余额借贷不平衡",
        ["opening.vouchers_before"] = "期初之前已有凭证",
        ["org.code_invalid"] = "单位编码不正确",
        ["org.code_taken"] = "单位编码已被使用",
        ["org.no_book"] = "乡镇、县不单独建账，请选择村或组",
        ["org.parent_level"] = "上级单位的层级不正确",
        ["org.parent_required"] = "须指定上级单位",
        ["org.parent_unexpected"] = "县级单位没有上级单位",
        ["org.unknown"] = "没有这个单位",
        ["period.before_opening"] = "日期早于建账期间",
        ["period.closed"] = "该月已结账，不能再记账；如需补记请先反结账",
        ["period.future"] = "不能结未来的月份",
        ["period.invalid"] = "期间不正确（应为 年-月）",
        ["period.next_closed"] = "只能反结最后一个已结账的月份",
        ["period.not_closed"] = "该月尚未结账",
        ["period.not_ended"] = "该月尚未结束",
        ["period.previous_open"] = "请按月份顺序结账，上月尚未结账",
        ["period.unbalanced"] = "账簿借贷不平衡，不能结账",
        ["posting.counterparty_required"] = "往来科目须填写往来单位",
        ["posting.negative"] = "金额不能为负数（冲销请用红字冲销）",
        ["posting.one_side"] = "每行只能填借方或贷方中的一个",
        ["report.format_invalid"] = "报表格式不正确",
        ["report.out_required"] = "Excel 报表须保存为文件",
        ["report.unknown"] = "没有这种报表",
        ["resource.code_repeated"] = "文件中资源编号重复",
        ["resource.code_taken"] = "资源编号已被使用",
        ["resource.date_invalid"] = "日期不正确",
        ["resource.mode_invalid"] = "经营方式不正确",
        ["resource.no_change"] = "没有需要变更的内容",
        ["resource.type_invalid"] = "资源类型不正确",
        ["resource.unknown"] = "没有这项资源",
        ["request.malformed"] = "请求内容格式不正确",
        ["reversal.already_reversed"] = "该凭证已被冲销，每张凭证只能冲销一次",
        ["reversal.asset_disposed_since"] = "本月折旧所含资产已处置，不能再冲销本月折旧",
        ["reversal.before_original"] = "冲销日期不能早于原凭证日期",
        ["reversal.held_by_register"] = "这张凭证由台账登记，不能单独冲销",
        ["reversal.not_reversible"] = "这张凭证不能冲销",
        ["rule.parameter_unknown"] = "该规则没有这个参数",
        ["rule.unknown"] = "没有这条规则",
        ["rule.value_invalid"] = "参数值须为数字",
        ["signin.failed"] = "用户名或密码错误",
        ["signin.throttled"] = "登录尝试过于频繁，请稍后再试",
        ["signin.locked_out"] = "密码连续输错次数过多，账户已暂时锁定",
        ["subscriber.email_invalid"] = "邮箱地址不正确",
        ["subscriber.severity_invalid"] = "级别不正确",
        ["text.control_character"] = "文字中含有不可见的控制字符",
        ["text.required"] = "必填项为空",
        ["text.too_long"] = "文字过长",
        ["text.unstorable_character"] = "文字中含有无法保存的字符",
        ["token.unknown"] = "没有这个有效的访问令牌",
        ["user.DuplicateUserName"] = "用户名已被使用",
        ["user.PasswordRequiresDigit"] = "密码须含数字",
        ["user.PasswordRequiresLower"] = "密码须含小写字母",
        ["user.PasswordRequiresUpper"] = "密码须含大写字母",
        ["user.PasswordTooShort"] = "密码至少 8 位",
        ["user.password_missing"] = "未提供密码",
        ["user.unknown"] = "没有这个用户",
        ["verify.assets_cost"] = "固定资产卡片原值与 151 固定资产科目余额不符",
        ["verify.assets_depreciation"] = "固定资产卡片累计折旧与 152 累计折旧科目余额不符",
        ["verify.audit_malformed"] = "审计日志中的凭证记录不完整",
        ["verify.audit_missing"] = "审计日志未记录全部凭证",
        ["verify.balance_mismatch"] = "科目余额与凭证重新汇总的结果不符",
        ["verify.closed_year_not_zero"] = "已结账年度的损益类或分配类科目仍有余额",
        ["verify.counterparty_missing"] = "须核算往来单位的科目有未列明往来单位的分录",
        ["verify.foreign_account"] = "分录使用了不属于本账套的科目",
        ["verify.not_leaf"] = "有下级科目的科目上记有分录",
        ["verify.numbering_gap"] = "凭证号不连续",
        ["verify.period_unbalanced"] = "当月借贷合计不平衡",
        ["verify.posting_misplaced"] = "分录与所属凭证不符",
        ["verify.posting_orphan"] = "有分录不属于任何凭证",
        ["verify.reversal_mismatch"] = "红字冲销凭证与原凭证不对应",
        ["verify.voucher_unbalanced"] = "凭证借贷不平衡或分录行不完整",
        ["voucher.ambiguous"] = "多个月份有这个凭证号，请写明月份",
        ["voucher.attachments_invalid"] = "附件张数不正确",
        ["voucher.dates_differ"] = "同一张凭证的日期不一致",
        ["voucher.fields_differ"] = "同一张凭证的决议编号或附件张数不一致",
        ["voucher.key_conflict"] = "这个凭证标识已用于另一张内容不同的凭证",
        ["voucher.number_invalid"] = "凭证号格式不正确",
        ["voucher.too_few_lines"] = "凭证至少要有两行分录",
        ["voucher.too_many_lines"] = "凭证分录行数过多",
        ["voucher.unbalanced"] = "借贷不平衡：借方合计须等于贷方合计",
        ["voucher.unknown"] = "没有这张凭证",
        ["xlsx.empty"] = "工作表是空的",
        ["xlsx.bad_cell"] = "Excel 文件中的单元格位置不正确",
        ["xlsx.bad_row"] = "Excel 文件中的行号不正确",
        ["xlsx.broken_xml"] = "Excel 文件内容已损坏",
        ["xlsx.dtd"] = "Excel 文件含有不允许的文档类型声明",
        ["xlsx.too_large"] = "Excel 文件解压后过大",
        ["xlsx.unreadable"] = "无法读取这个 Excel 文件",
        ["year.december_closed"] = "十二月已结账",
        ["year.invalid"] = "年度不正确",
    };

    /// <summary>The Chinese sentence for the error's code; null for a code the pages have none for (the message is shown alone).</summary>
    public static string? Sentence(LedgerError error) => Sentences.GetValueOrDefault(error.Code);

    /// <summary>
    /// The ledger's own words for a page: the value it names, without what the command line would suggest doing next
    /// (<c>(see `org list`)</c>, <c>: give --out FILE</c>) — a web user is never told to run a command.
    /// </summary>
    public static string Detail(LedgerError error)
    {
        var text = CommandAside().Replace(error.Message, string.Empty);
        return CommandClause().Replace(text, string.Empty).Trim();
    }

    [GeneratedRegex(@"\s*\([^()]*`[^()]*\)")]
    private static partial Regex CommandAside();

    [GeneratedRegex(@"[:;]\s*[^:;]*(?:`|--[a-z])[^:;]*$")]
    private static partial Regex CommandClause();

    /// <summary>The place in Chinese: <c>sheet 凭证, row 3, column debit</c> → <c>工作表 凭证，第 3 行，列 debit</c>.</summary>
    public static string Place(string? location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return string.Empty;
        }

        var s = LinesPattern().Replace(location, m => $"第 {m.Groups[2].Value} 行");
        return s.Replace("sheet ", "工作表 ", StringComparison.Ordinal).Replace("column ", "列 ", StringComparison.Ordinal)
            .Replace(" (header)", "（表头）", StringComparison.Ordinal).Replace(", ", "，", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(line|lines|row|rows) (\d+(?:-\d+)?)")]
    private static partial Regex LinesPattern();
}
