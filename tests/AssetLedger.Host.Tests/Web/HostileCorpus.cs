using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AssetLedger.Testing;

namespace AssetLedger.Host.Tests.Web;

/// <summary>One hostile input: how it is sent, to where, with what body.</summary>
public sealed record HostileInput(string Method, string Path, string? Json = null, byte[]? File = null, string? FileName = null)
{
    public override string ToString() => $"{Method} {Path} {(Json is null ? FileName : Json.Length > 120 ? Json[..120] + "…" : Json)}";
}

/// <summary>
/// A fixed, seeded corpus of hostile inputs for the API and the imports — the same every run: every POST endpoint's
/// body with fields replaced by values of the wrong kind, size or text (nulls, numbers for text, 10,000 characters,
/// U+FFFF, half a surrogate pair, formulas, paths, SQL, deep nesting), JSON cut short or with bytes flipped; every GET
/// with hostile query values; every import kind as CSV and .xlsx with fields, bytes and structure broken (a DTD, rows
/// out of order, XML cut short, cells past the edge, a zip bomb).
/// </summary>
public static class HostileCorpus
{
    private const string Org = "33010101";

    /// <summary>Every POST endpoint with a body that would be accepted or nearly: each input breaks some of it.</summary>
    private static readonly (string Path, string Body)[] Posts =
    [
        ("/api/vouchers", """{"org":"33010101","key":"k1","date":"2024-03-06","lines":[{"account":"513","summary":"购买办公用品","debit":"100"},{"account":"101","summary":"购买办公用品","credit":"100"}],"resolution":"决议1"}"""),
        ("/api/vouchers/reverse", """{"org":"33010101","voucher":"2024-03/记-0001","date":"2024-03-31"}"""),
        ("/api/accounts", """{"org":"33010101","code":"11201","name":"张三"}"""),
        ("/api/periods/close", """{"org":"33010101","period":"2024-01"}"""),
        ("/api/periods/reopen", """{"org":"33010101","period":"2024-01","reason":"更正"}"""),
        ("/api/periods/year-close", """{"org":"33010101","year":2023}"""),
        ("/api/budgets/adjustments", """{"org":"33010101","year":2024,"account":"513","amount":"1000","reason":"追加"}"""),
        ("/api/assets/F1/status", """{"org":"33010101","status":"出租","date":"2024-03-01","reason":"决议","counterparty":"李四"}"""),
        ("/api/assets/F1/usage", """{"org":"33010101","period":"2024-03","units":10}"""),
        ("/api/assets/F1/disposal", """{"org":"33010101","date":"2024-03-20","reason":"出售","proceeds":"1000","account":"102"}"""),
        ("/api/depreciation/run", """{"org":"33010101","period":"2024-03"}"""),
        ("/api/depreciation/reverse", """{"org":"33010101","period":"2024-03","date":"2024-03-31"}"""),
        ("/api/resources/R1/changes", """{"org":"33010101","date":"2024-03-01","reason":"测量","area":"12.5","type":"耕地","mode":"发包","operator":"张三"}"""),
        ("/api/contracts/C1/receipts", """{"org":"33010101","date":"2024-03-05","amount":"1000","account":"102"}"""),
        ("/api/contracts/C1/renewal", """{"org":"33010101","end":"2028-02-28","reason":"续签"}"""),
        ("/api/contracts/C1/termination", """{"org":"33010101","date":"2024-06-01","reason":"解除"}"""),
        ("/api/contracts/C1/amendment", """{"org":"33010101","from":"2024-06-01","annualAmount":"12000","reason":"变更"}"""),
        ("/api/alerts/1/ack", """{"comment":"已核实"}"""),
        ("/api/rules/settings", """{"org":"33010101","rule":"LARGE_TXN","parameter":"tier1","value":"6000","reason":"调整"}"""),
        ("/api/rules/backtest", """{"org":"33010101","rule":"LARGE_TXN","from":"2024-01-01","to":"2024-12-31","parameters":{"tier1":"6000"}}"""),
        ("/api/subscribers", """{"email":"wang.wu@example.cn","scope":"330101","name":"王五","rules":"LARGE_TXN","minSeverity":"warning"}"""),
    ];

    private static readonly string[] Gets =
    [
        "/api/orgs", "/api/accounts?org={0}", "/api/alerts?org={0}&state={1}", "/api/alerts/{1}", "/api/vouchers?org={0}&period={1}", "/api/vouchers/{1}",
        "/api/periods?org={0}", "/api/budgets/execution?org={0}&period={1}", "/api/assets?org={0}", "/api/resources?org={0}", "/api/contracts?org={0}",
        "/api/contracts/{1}?org={0}", "/api/rules?org={0}", "/api/subscribers", "/api/reports/trial-balance?org={0}&period={1}",
        "/api/reports/journal?org={0}&period={1}&format={1}", "/api/reports/{1}?org={0}&period=2024-03",
    ];

    /// <summary>Values of every wrong kind, as JSON.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "0", "-1", "1e309", "99999999999999999999", "-0", "3.14159", "[]", "{}", "[null]", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        "\"\"", "\" \"", "\"0\"", "\"-0.001\"", "\"1,2,3\"", "\"１２３\"", "\"NaN\"", "\"Infinity\"", "\"12.345\"", "\"1e9\"", "\"2024-02-30\"", "\"9999-12-31\"",
        "\"0001-01-01\"", "\"2024-13\"", "\"2024-00\"", "\"记-\"", "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "\"' OR '1'='1\"",
        "\"\\u0000\"", "\"\\uffff\"", "\"\\ufffe\"", "\"\\ud800\"", "\"\\udc00x\"", "\"=1+1\"", "\"%00\"", "\"\\u202e反转\"", "\"😀\"", "\"\\r\\n\"",
        "\"" + new string('长', 10_000) + "\"", "\"9999\"", "\"3302\"", "\"330101\"", "\"33020101\"", "\"LARGE_TXN\"", "\"sleeping\"",
    ];

    /// <summary>Query values: empty, absent, too long, of the wrong kind, escaped, another county's.</summary>
    private static readonly string[] QueryValues =
    [
        string.Empty, "%00", "9999", "33020101", "330101", "2024-13", "2024-3", "abc", "-1", "99999999999999999999", "%FF%FE", "%EF%BF%BF", "'%20OR%201=1",
        "%3Cscript%3E", new string('9', 5000), "1e9", "..%2F..%2F", "xlsx", "csv", "json", "nope", "open", "ledger", "disclosure",
    ];

    /// <summary>Each import kind with a valid small file, to be broken.</summary>
    private static readonly (string Kind, string Csv)[] Imports =
    [
        ("vouchers", "key,date,summary,account,debit,credit,counterparty,resolution\nI1,2024-03-09,收取场地租金,102,300,,,\nI1,2024-03-09,收取场地租金,501,,300,,\n"),
        ("opening", "account,counterparty,debit,credit\n102,,1000,\n301,,,1000\n"),
        ("assets", "code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated\nF9,水泵,机器设备,2024-01-10,3000,120,5%,straight_line,production,0\n"),
        ("resources", "code,name,type,area\nR9,西坡地,耕地,12.35\n"),
        ("contracts", "number,counterparty,subjects,start,end,annual_amount\nC9,王五,R9,2025-01-01,2026-12-31,10000\n"),
        ("budgets", "account,amount\n513,100000\n"),
    ];

    private static readonly string[] CellValues =
    [
        "", " ", "-", "1,2,3", "１２３", "1e9", "NaN", "12.345", "2024-02-30", "9999-12-31", "=1+1", "@SUM(A1)", "<script>", "' OR 1=1", "\u0000", "\uFFFF",
        "\uFFFE", "\u202e", "😀", new string('长', 2_000), "\"", "\"\"", "a,b", "\r", "513 银行存款", "9999", "-100", "0.001",
    ];

    /// <summary>The corpus: at least <paramref name="size"/> inputs, the same for the same size.</summary>
    public static IReadOnlyList<HostileInput> Build(int size)
    {
        var random = new Random(17);
        var inputs = new List<HostileInput>(size + 1000);
        var importShare = size / 6;
        var getShare = size / 8;
        while (inputs.Count < size - importShare - getShare)
        {
            var (path, body) = Posts[random.Next(Posts.Length)];
            inputs.Add(new HostileInput("POST", path, MutateJson(body, random)));
        }

        while (inputs.Count < size - importShare)
        {
            var template = Gets[random.Next(Gets.Length)];
            inputs.Add(new HostileInput("GET", string.Format(CultureInfo.InvariantCulture, template,
                QueryValues[random.Next(QueryValues.Length)], QueryValues[random.Next(QueryValues.Length)])));
        }

        while (inputs.Count < size)
        {
            var (kind, csv) = Imports[random.Next(Imports.Length)];
            var asWorkbook = random.Next(3) == 0;
            var (bytes, name) = asWorkbook ? (MutateWorkbook(csv, random), $"{kind}.xlsx") : (MutateCsv(csv, random), $"{kind}.csv");
            var query = random.Next(10) == 0 ? QueryValues[random.Next(QueryValues.Length)] : "2024";
            inputs.Add(new HostileInput("POST", $"/api/imports/{kind}?org={Org}&year={query}", File: bytes, FileName: name));
        }

        return inputs;
    }

    /// <summary>One to three fields replaced by hostile values, a field added or removed, or the JSON itself broken.</summary>
    private static string MutateJson(string body, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return body[..random.Next(body.Length)]; // cut short
            case 1:
                var chars = body.ToCharArray();
                const string breakers = "{}[]\",:\\x\u0000";
                chars[random.Next(chars.Length)] = breakers[random.Next(breakers.Length)];
                return new string(chars); // one character flipped
            case 2:
                return Values[random.Next(Values.Length)]; // not an object at all
        }

        // Values go in as placeholders and are written raw afterwards: some (half a surrogate pair) are JSON that no JSON library writes.
        var node = JsonNode.Parse(body)!.AsObject();
        var fields = node.Select(p => p.Key).ToList();
        var raw = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            raw.Add(Values[random.Next(Values.Length)]);
            JsonNode value = JsonValue.Create($"@@hostile{raw.Count - 1}@@");
            switch (random.Next(6))
            {
                case 0 when fields.Count > 0:
                    node.Remove(fields[random.Next(fields.Count)]);
                    break;
                case 1:
                    node["unexpected" + random.Next(3)] = value;
                    break;
                case 2 when node["lines"] is JsonArray lines && lines.Count > 0:
                    var line = random.Next(lines.Count);
                    if (lines[line] is JsonObject o)
                    {
                        o[new[] { "account", "summary", "debit", "credit", "counterparty" }[random.Next(5)]] = value;
                    }
                    else
                    {
                        lines[line] = value;
                    }

                    break;
                default:
                    if (fields.Count > 0)
                    {
                        node[fields[random.Next(fields.Count)]] = value;
                    }

                    break;
            }
        }

        var json = node.ToJsonString();
        for (var i = 0; i < raw.Count; i++)
        {
            json = json.Replace($"\"@@hostile{i}@@\"", raw[i], StringComparison.Ordinal);
        }

        return json;
    }

    private static byte[] MutateCsv(string csv, Random random)
    {
        var lines = csv.Split('\n').ToList();
        switch (random.Next(8))
        {
            case 0:
                var bytes = Encoding.UTF8.GetBytes(csv);
                return bytes[..random.Next(bytes.Length)];
            case 1:
                var flipped = Encoding.UTF8.GetBytes(csv);
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256); // maybe not UTF-8 any more
                return flipped;
            case 2:
                lines[random.Next(1, lines.Count)] += "," + CellValues[random.Next(CellValues.Length)]; // a field past the header
                break;
            case 3:
                lines[0] = lines[0].Replace(lines[0].Split(',')[random.Next(lines[0].Split(',').Length)], "未知列", StringComparison.Ordinal);
                break;
            case 4:
                lines.Insert(random.Next(1, lines.Count), new string(',', random.Next(30)) + "\"unclosed");
                break;
            default:
                var row = random.Next(1, Math.Max(2, lines.Count - 1));
                var fields = lines[row].Split(',');
                if (fields.Length > 1)
                {
                    var value = CellValues[random.Next(CellValues.Length)];
                    fields[random.Next(fields.Length)] = value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
                    lines[row] = string.Join(',', fields);
                }

                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>A workbook of a few hundred kilobytes whose shared strings unpack past the default limit of 100 MB: made once.</summary>
    private static readonly Lazy<byte[]> Bomb = new(() =>
        RawWorkbook.Sheet(RawWorkbook.Row(1, "key", "date")).WithSharedStrings(RawWorkbook.InflatingSharedStrings(count: 1100, length: 100_000)).Bytes());

    private static byte[] MutateWorkbook(string csv, Random random)
    {
        var rows = csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        string Row(int i, string? number = null) => RawWorkbook.Row(number ?? (i + 1).ToString(CultureInfo.InvariantCulture), rows[i]);
        var all = string.Concat(rows.Select((_, i) => Row(i)));
        var main = RawWorkbook.Main;
        switch (random.Next(9))
        {
            case 0:
                return RawWorkbook.OfSheetXml($"<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"a\">]><worksheet xmlns=\"{main}\"><sheetData>{all}</sheetData></worksheet>").Bytes();
            case 1:
                return RawWorkbook.Sheet(Row(0), Row(1, "-5")).Bytes();
            case 2:
                var xml = $"<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{all}</sheetData></worksheet>";
                return RawWorkbook.OfSheetXml(xml[..random.Next(xml.Length)]).Bytes();
            case 3:
                return RawWorkbook.OfSheetXml($"<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{Row(0)}<row r=\"2\"><c r=\"XFE2\" t=\"inlineStr\"><is><t>a</t></is></c></row></sheetData></worksheet>").Bytes();
            case 4:
                return Bomb.Value;
            case 5:
                var package = RawWorkbook.Sheet(all).Bytes();
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    package[random.Next(package.Length)] = (byte)random.Next(256);
                }

                return package;
            case 6:
                return RawWorkbook.Sheet(Row(1, "2"), Row(0, "1")).Bytes(); // rows out of order
            default:
                var row = random.Next(1, rows.Count);
                rows[row][random.Next(rows[row].Length)] = CellValues[random.Next(CellValues.Length)].Replace("\u0000", "\uFFFF", StringComparison.Ordinal);
                return RawWorkbook.Sheet(string.Concat(rows.Select((_, i) => Row(i)))).Bytes();
        }
    }
}
