using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace AssetLedger.Testing;

/// <summary>
/// A real SMTP server on loopback for the delivery tests: it speaks the protocol over TCP (EHLO, AUTH, MAIL, RCPT,
/// DATA, RSET, NOOP, QUIT), keeps what it receives as parsed messages, can refuse chosen recipients with a 550,
/// and can be stopped and started again on the same port. Hand-written because the served test server
/// (netDumbster 3.1.1) refuses addresses with a dot before the @ and answers every refusal with a 451, so it can
/// neither take real addresses nor refuse one for good.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> received = new();
    private TcpListener? listener;
    private CancellationTokenSource? stop;
    private Task? accepting;

    private LoopbackSmtpServer(int port) => Port = port;

    public sealed record Received(MimeMessage Message, IReadOnlyList<string> Recipients, string? User);

    public int Port { get; private set; }

    /// <summary>Recipients refused with <c>550 5.1.1</c>.</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Received> Messages => received.ToList();

    /// <summary>Whether EHLO offers AUTH (a server on a port for unauthenticated relay offers none).</summary>
    public bool OffersAuthentication { get; set; } = true;

    /// <summary>How many connections clients opened.</summary>
    public int Sessions => sessions;

    private int sessions;

    public static LoopbackSmtpServer Start(int port = 0)
    {
        var server = new LoopbackSmtpServer(port);
        server.Listen();
        return server;
    }

    /// <summary>A port nothing listens on: for a server that is down.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Listen()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        stop = new CancellationTokenSource();
        accepting = AcceptAsync(listener, stop.Token);
    }

    public async Task StopAsync()
    {
        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync();
        listener!.Stop();
        try
        {
            await accepting!;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        stop = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener l, CancellationToken ct)
    {
        var sessions = new List<Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await l.AcceptTcpClientAsync(ct);
                sessions.Add(Task.Run(() => SessionAsync(client, ct), CancellationToken.None));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task SessionAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        Interlocked.Increment(ref sessions);
        await using var stream = client.GetStream();
        await using var registration = ct.Register(client.Close);
        var reader = new LineReader(stream);
        async Task Reply(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), ct);
        try
        {
            await Reply("220 localhost loopback SMTP ready");
            var recipients = new List<string>();
            string? user = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply("250-localhost");
                        await Reply(OffersAuthentication ? "250-8BITMIME" : "250 8BITMIME");
                        if (OffersAuthentication)
                        {
                            await Reply("250 AUTH PLAIN LOGIN");
                        }

                        break;
                    case "HELO":
                        await Reply("250 localhost");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var plain = parts.Length > 2 ? parts[2] : null;
                        if (plain is null)
                        {
                            await Reply("334 ");
                            plain = await reader.ReadLineAsync(ct);
                        }

                        user = Encoding.UTF8.GetString(Convert.FromBase64String(plain ?? string.Empty)).Split('\0').ElementAtOrDefault(1);
                        await Reply("235 2.7.0 accepted");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await Reply("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
                        if (Refused.Contains(address))
                        {
                            await Reply($"550 5.1.1 <{address}>: no such mailbox");
                        }
                        else
                        {
                            recipients.Add(address);
                            await Reply("250 2.1.5 OK");
                        }

                        break;
                    case "DATA":
                        await Reply("354 end with <CRLF>.<CRLF>");
                        var data = new MemoryStream();
                        while (await reader.ReadRawLineAsync(ct) is { } raw && !(raw.Length == 1 && raw[0] == '.'))
                        {
                            data.Write(raw, raw.Length > 0 && raw[0] == '.' ? 1 : 0, raw.Length > 0 && raw[0] == '.' ? raw.Length - 1 : raw.Length);
                            data.Write("\r\n"u8);
                        }

                        data.Position = 0;
                        received.Enqueue(new Received(await MimeMessage.LoadAsync(data, ct), recipients.ToList(), user));
                        await Reply("250 2.0.0 queued");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await Reply("250 OK");
                        break;
                    case "NOOP":
                        await Reply("250 OK");
                        break;
                    case "QUIT":
                        await Reply("221 bye");
                        return;
                    default:
                        await Reply("502 5.5.2 not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>Reads CRLF-terminated lines as bytes (message data may be 8-bit) or as ASCII commands.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken ct) =>
            await ReadRawLineAsync(ct) is { } raw ? Encoding.UTF8.GetString(raw) : null;

        public async Task<byte[]?> ReadRawLineAsync(CancellationToken ct)
        {
            var line = new MemoryStream();
            while (true)
            {
                for (var i = start; i < end; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        line.Write(buffer, start, i - start);
                        start = i + 1;
                        var bytes = line.ToArray();
                        return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
                    }
                }

                line.Write(buffer, start, end - start);
                (start, end) = (0, await stream.ReadAsync(buffer, ct));
                if (end == 0)
                {
                    return null;
                }
            }
        }
    }
}
