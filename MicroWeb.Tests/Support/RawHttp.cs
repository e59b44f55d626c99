using System.Net.Sockets;
using System.Text;

namespace MicroWeb.Tests.Support;

/// <summary>Sends bytes exactly as given over a TCP socket, for requests HttpClient would refuse or normalise.</summary>
public static class RawHttp
{
    /// <summary>Sends a request and reads until the server closes or the response is complete (Content-Length).</summary>
    public static async Task<string> SendAsync(int port, string request, TimeSpan? timeout = null, string address = "127.0.0.1")
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(address, port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), cts.Token);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(chunk, cts.Token);
                if (n == 0) break;
                buffer.Write(chunk, 0, n);
                if (IsComplete(buffer)) break;
            }
        }
        catch (IOException) { /* reset by the server: return what arrived */ }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The status code of a raw response ("HTTP/1.1 400 Bad Request" -> 400), or 0 when there is none.</summary>
    public static int Status(string response) =>
        response.StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(response.AsSpan(9, 3), out var code) ? code : 0;

    private static bool IsComplete(MemoryStream buffer)
    {
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var headers = text[..end];
        var lengthLine = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is null) return headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? text.EndsWith("0\r\n\r\n", StringComparison.Ordinal) : true;
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim());
        return Encoding.UTF8.GetByteCount(text) - Encoding.UTF8.GetByteCount(headers) - 4 >= length;
    }
}
