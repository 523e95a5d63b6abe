using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace MeetingBoard.Web.Live.Redis;

/// <summary>Redis answered a command with an error (e.g. a wrong password).</summary>
public sealed class RedisErrorException(string message) : Exception(message);

/// <summary>
/// One TCP connection speaking RESP2, the Redis protocol: commands go out as arrays of bulk
/// strings, replies come back as simple strings, errors, integers, bulk strings or arrays. Only
/// what the bus needs (PUBLISH, SUBSCRIBE, PING, AUTH); StackExchange.Redis does not restore here.
/// Not thread-safe for reading: one reader at a time; writes are serialised by the caller.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    readonly TcpClient tcp;
    readonly NetworkStream stream;
    readonly byte[] buffer = new byte[16 * 1024];
    int start, end;

    RespConnection(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    /// <summary>Connects and, when a password is given, authenticates.</summary>
    public static async Task<RespConnection> OpenAsync(string endpoint, string? password, TimeSpan timeout, CancellationToken ct)
    {
        var (host, port) = ParseEndpoint(endpoint);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var tcp = new TcpClient { NoDelay = true };
        RespConnection? connection = null;
        try
        {
            await tcp.ConnectAsync(host, port, cts.Token);
            connection = new RespConnection(tcp);
            if (!string.IsNullOrEmpty(password))
                ExpectOk(await connection.CommandAsync(["AUTH", password], cts.Token));
            return connection;
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            else tcp.Dispose();
            throw;
        }
    }

    public static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port))
            return (endpoint, 6379);
        return (endpoint[..colon].Trim('[', ']'), port);
    }

    /// <summary>Sends one command and reads its reply. A cancelled call leaves the connection unusable: dispose it.</summary>
    public async Task<object?> CommandAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        await WriteAsync(args, ct);
        return await ReadAsync(ct);
    }

    public async Task WriteAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.Append('*').Append(args.Count).Append("\r\n");
        foreach (var arg in args)
            sb.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()), ct);
    }

    /// <summary>
    /// Reads one reply: string (simple or bulk), long, null, or object?[] (array).
    /// An error reply is thrown as <see cref="RedisErrorException"/>.
    /// </summary>
    public async Task<object?> ReadAsync(CancellationToken ct)
    {
        var line = await ReadLineAsync(ct);
        if (line.Length == 0) throw new InvalidDataException("Empty reply line from Redis");
        var rest = line[1..];
        switch (line[0])
        {
            case '+': return rest;
            case '-': throw new RedisErrorException(rest);
            case ':': return long.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0) return null;
                var bytes = await ReadExactlyAsync(length + 2, ct);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                var count = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
                if (count < 0) return null;
                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    try
                    {
                        items[i] = await ReadAsync(ct);
                    }
                    catch (RedisErrorException e)
                    {
                        items[i] = e;
                    }
                }
                return items;
            default:
                throw new InvalidDataException($"Unexpected reply type '{line[0]}' from Redis");
        }
    }

    public static void ExpectOk(object? reply)
    {
        if (reply is not "OK") throw new InvalidDataException($"Redis answered {reply ?? "nothing"} where OK was expected");
    }

    async Task<string> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var span = buffer.AsSpan(start, end - start);
            var newline = span.IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(span[..newline]);
                start += newline + 2;
                return line;
            }
            await FillAsync(ct);
        }
    }

    async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (start == end) await FillAsync(ct);
            var n = Math.Min(count - copied, end - start);
            Buffer.BlockCopy(buffer, start, result, copied, n);
            start += n;
            copied += n;
        }
        return result;
    }

    async Task FillAsync(CancellationToken ct)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length) throw new InvalidDataException("A Redis reply line is longer than the buffer");
        var n = await stream.ReadAsync(buffer.AsMemory(end), ct);
        if (n == 0) throw new IOException("Redis closed the connection");
        end += n;
    }

    /// <summary>Closes the socket, which also ends a read waiting on it.</summary>
    public ValueTask DisposeAsync()
    {
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
