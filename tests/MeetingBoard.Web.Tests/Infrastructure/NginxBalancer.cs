using System.Diagnostics;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>Debian's nginx on a free loopback port, balancing HTTP and WebSockets across nodes, as deploy/local/cluster.sh does.</summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    readonly string directory;
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    NginxBalancer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public static async Task<NginxBalancer> StartAsync(IEnumerable<int> nodePorts)
    {
        var dir = Path.Combine(Path.GetTempPath(), "meetingboard-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var port = PostgresServer.FreePort();
        var servers = string.Concat(nodePorts.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"));
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{dir}}/body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream meetingboard {
                # A circuit lives on one node: keep each browser on its node (Live/Affinity.cs).
                hash $cookie_mb_affinity consistent;
            {{servers}}  }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://meetingboard;
                  proxy_http_version 1.1;
                  proxy_set_header Host $http_host;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_read_timeout 1h;
                  proxy_next_upstream error timeout http_502 http_503;
                  # Which node answered, for tests that need to know where a page's circuit lives.
                  add_header X-MeetingBoard-Node $upstream_addr always;
                }
              }
            }
            """);
        var balancer = new NginxBalancer(dir, port);
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-c", Path.Combine(dir, "nginx.conf"), "-p", dir, "-e", Path.Combine(dir, "error.log") }) start.ArgumentList.Add(a);
        balancer.process = Process.Start(start)!;
        using var http = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            if (balancer.process.HasExited) throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(dir, "error.log")));
            try { return (await http.GetAsync(new Uri(balancer.BaseAddress, "/readyz"))).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, "nginx answers");
        return balancer;
    }

    Process process = default!;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
