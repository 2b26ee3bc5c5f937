using System.Text.Json;
using System.Text.Json.Serialization;
using AssetLedger.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace AssetLedger.Host.Web.Api;

/// <summary>
/// Every string a request's JSON carries, refused where it stands when it holds a character that cannot be stored
/// (U+FFFE, U+FFFF, half a surrogate pair, a control character): the body is then answered like any other that is not
/// the JSON the endpoint takes, naming the field.
/// </summary>
public sealed class StorableStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ConverterException($"expected text, found {reader.TokenType.ToString().ToLowerInvariant()}");
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new ConverterException("the text is not valid Unicode");
        }

        var at = TextRules.FirstUnstorable(text);
        return at < 0 ? text : throw new ConverterException($"the text contains a character that cannot be stored (U+{(int)text[at]:X4}, character {at + 1})");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A sentence of this converter's, told apart from the parser's own (which is rephrased).</summary>
    public sealed class ConverterException(string message) : JsonException(message);
}

/// <summary>
/// A request the framework cannot bind — a body that is not JSON or not of the endpoint's shape, a required query
/// value missing or not a number — answered as the API's 400 problem with what is wrong and where (the JSON path, or
/// the parameter), instead of an empty 400 or a 500. Nothing was written: binding comes before the handler.
/// </summary>
public sealed class RequestProblems : IExceptionHandler
{
    public const string Code = "request.malformed";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var error = bad.InnerException is JsonException json
            ? new LedgerError(Code, $"the body is not the JSON this request takes: {Reason(json)}", string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.'))
            : new LedgerError(Code, bad.Message.TrimEnd('.'));
        await ApiEndpoints.Problem(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400, [error]).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The converter's own sentence; otherwise a value of the wrong kind, or where the JSON itself breaks (its line and byte).</summary>
    private static string Reason(JsonException json) =>
        json is StorableStrings.ConverterException || json.InnerException is StorableStrings.ConverterException ? (json.InnerException ?? json).Message
        : json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) ? "the value is not of the kind this field takes"
        : $"it is not well-formed JSON at line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1}";
}
