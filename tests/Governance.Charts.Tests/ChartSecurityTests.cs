using System.Text.Json;
using System.Text.RegularExpressions;

namespace Governance.Charts.Tests;

/// <summary>
/// The rules every rendered pod and object keeps, in every chart with default and production values and in
/// both overlays: non-root on a read-only root without capabilities, no token, probes, pinned images, secrets
/// only by reference, the schema migrated by a hook Job and never by a replica, traffic only where allowed.
/// </summary>
public sealed partial class ChartSecurityTests(RenderedManifests rendered)
{
    [Fact]
    public void Every_pod_runs_as_non_root_on_a_read_only_root_with_every_capability_dropped()
    {
        ChartTools.RequireTools(rendered.Missing);
        Assert.NotEmpty(rendered.Pods());
        foreach (var (owner, pod) in rendered.Pods())
        {
            Assert.True(pod.At("securityContext", "runAsNonRoot")?.GetBoolean() == true, $"{owner}: pod runAsNonRoot");
            Assert.Equal("RuntimeDefault", pod.Text("securityContext", "seccompProfile", "type"));
            Assert.True(pod.At("automountServiceAccountToken")?.GetBoolean() == false, $"{owner}: a service account token is mounted");
            foreach (var container in pod.Items("containers"))
            {
                var what = $"{owner} container {container.Text("name")}";
                var security = container.At("securityContext") ?? throw new Xunit.Sdk.XunitException($"{what}: no securityContext");
                Assert.True(security.At("runAsNonRoot")?.GetBoolean() == true, $"{what}: runAsNonRoot");
                Assert.True(security.At("runAsUser")?.GetInt64() > 0, $"{what}: runAsUser must not be root");
                Assert.True(security.At("readOnlyRootFilesystem")?.GetBoolean() == true, $"{what}: readOnlyRootFilesystem");
                Assert.True(security.At("allowPrivilegeEscalation")?.GetBoolean() == false, $"{what}: allowPrivilegeEscalation");
                Assert.Equal(["ALL"], security.Items("capabilities", "drop").Select(c => c.GetString()));
                Assert.Empty(security.Items("capabilities", "add"));
                Assert.Equal("RuntimeDefault", security.Text("seccompProfile", "type"));
                Assert.Contains(container.Items("volumeMounts"), m => m.Text("mountPath") == "/tmp");
            }
        }
    }

    [Fact]
    public void Every_service_account_mounts_no_token()
    {
        ChartTools.RequireTools(rendered.Missing);
        Assert.All(rendered.OfKind("ServiceAccount"), sa =>
            Assert.True(sa.Object.At("automountServiceAccountToken")?.GetBoolean() == false, $"{sa} mounts a token"));
    }

    [Fact]
    public void Every_serving_container_has_a_grpc_startup_probe_and_http_liveness_and_readiness()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var deployment in rendered.OfKind("Deployment"))
        foreach (var container in deployment.Object.Items("spec", "template", "spec", "containers"))
        {
            Assert.Equal("8081", container.Text("startupProbe", "grpc", "port"));
            Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
            var ports = container.Items("ports").Select(p => (p.Text("name"), p.Text("containerPort"))).ToList();
            Assert.Contains(("http", "8080"), ports);
            Assert.Contains(("grpc", "8081"), ports);
            Assert.NotNull(container.At("resources", "requests", "memory"));
            Assert.NotNull(container.At("resources", "limits", "memory"));
        }
    }

    [Fact]
    public void Every_image_is_pinned_to_a_tag_that_is_not_latest()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var (owner, pod) in rendered.Pods())
        foreach (var container in pod.Items("containers"))
        {
            var image = container.Text("image")!;
            var match = ImageReference().Match(image);
            Assert.True(match.Success, $"{owner}: image {image} names no tag");
            Assert.NotEqual("latest", match.Groups["tag"].Value, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void No_rendered_object_holds_a_secret_value()
    {
        ChartTools.RequireTools(rendered.Missing);
        Assert.Empty(rendered.OfKind("Secret"));
        foreach (var (owner, pod) in rendered.Pods())
        foreach (var container in pod.Items("containers"))
        foreach (var env in container.Items("env"))
        {
            var name = env.Text("name")!;
            if (SecretName().IsMatch(name))
                Assert.True(env.At("valueFrom", "secretKeyRef", "name") is not null && env.At("value") is null,
                    $"{owner}: {name} must come from a Secret by reference");
        }
        foreach (var config in rendered.OfKind("ConfigMap"))
        foreach (var entry in config.Object.At("data")?.EnumerateObject() ?? default)
            Assert.False(SecretName().IsMatch(entry.Name), $"{config}: {entry.Name} looks like a secret in a ConfigMap");
        foreach (var (source, text) in rendered.Texts)
            Assert.False(SecretValue().IsMatch(text), $"{source} holds something like a credential: {SecretValue().Match(text).Value}");
    }

    [Fact]
    public void Each_service_migrates_its_database_in_a_pre_install_and_pre_upgrade_hook_as_the_owner_role()
    {
        ChartTools.RequireTools(rendered.Missing);
        var jobs = rendered.OfKind("Job").ToList();
        // Every service with a database (all but the gateway) comes with its migration Job in every rendering.
        Assert.Equal(rendered.OfKind("Deployment").Where(d => !ChartTools.WithoutDatabase.Contains(d.Name)).Select(d => (d.Source, d.Name)).Order(),
            jobs.Select(j => (j.Source, j.Name[..^"-migrate".Length])).Order());
        foreach (var job in jobs)
        {
            var annotations = job.Object.At("metadata", "annotations")!.Value;
            Assert.Equal("pre-install,pre-upgrade", annotations.Text("helm.sh/hook"));
            Assert.Contains("before-hook-creation", annotations.Text("helm.sh/hook-delete-policy"));
            var container = job.Object.Items("spec", "template", "spec", "containers").Single();
            var command = container.Items("command").Concat(container.Items("args")).Select(a => a.GetString()).ToList();
            Assert.Equal("dotnet", command[0]);
            Assert.Matches(@"^Governance\.[A-Za-z]+\.Host\.dll$", command[1]);
            Assert.Equal("migrate", command[2]);
            var owner = container.Items("env").Single(e => e.Text("name")!.EndsWith("-owner"));
            Assert.Equal("owner-connection-string", owner.Text("valueFrom", "secretKeyRef", "key"));
            Assert.Equal("Never", job.Object.Text("spec", "template", "spec", "restartPolicy"));
        }
    }

    [Fact]
    public void Replicas_never_migrate_nor_see_the_owner_credentials()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var deployment in rendered.OfKind("Deployment"))
        foreach (var container in deployment.Object.Items("spec", "template", "spec", "containers"))
        {
            var command = container.Items("command").Concat(container.Items("args")).Select(a => a.GetString()).ToList();
            Assert.DoesNotContain("migrate", command);
            Assert.DoesNotContain(container.Items("env"), e => e.Text("name")!.EndsWith("-owner")
                || e.Text("valueFrom", "secretKeyRef", "key") == "owner-connection-string");
        }
    }

    [Fact]
    public void Only_video_alert_has_a_sip_service_with_udp_and_tcp_on_one_port()
    {
        ChartTools.RequireTools(rendered.Missing);
        var sip = rendered.OfKind("Service").Where(s => s.Name.EndsWith("-sip")).ToList();
        Assert.All(sip, s => Assert.Equal("video-alert-sip", s.Name));
        Assert.Equal(rendered.Texts.Count(t => t.Key.StartsWith("video-alert") || t.Key.StartsWith("overlay")), sip.Count);
        foreach (var service in sip)
        {
            var ports = service.Object.Items("spec", "ports").Select(p => (p.Text("protocol"), p.Text("port"))).Order().ToList();
            Assert.Equal([("TCP", "5060"), ("UDP", "5060")], ports);
            Assert.Equal("ClientIP", service.Object.Text("spec", "sessionAffinity"));
        }
        var config = rendered.Objects.Single(o => o.Source == "video-alert (default)" && o.Kind == "ConfigMap");
        Assert.Equal("5060", config.Object.Text("data", "VideoAlert__Sip__Port"));
    }

    [Fact]
    public void Services_take_http_and_grpc_only_from_their_namespace_and_reach_dns_database_broker_and_issuer()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var policy in rendered.OfKind("NetworkPolicy").Where(p => !ForMigration(p)))
        {
            var ingress = policy.Object.Items("spec", "ingress").ToList();
            var web = ingress.Single(r => r.Items("ports").Any(p => p.Text("port") == "8081"));
            Assert.Equal(["8080", "8081"], web.Items("ports").Select(p => p.Text("port")).Order());
            if (policy.Name == "gateway")
            {
                // The one public entry, on its HTTP port only: 8081 runs the same proxy pipeline in cleartext HTTP/2.
                Assert.Equal(2, ingress.Count);
                var outside = ingress.Single(r => !r.Equals(web));
                Assert.Empty(outside.Items("from"));
                Assert.Equal(["8080"], outside.Items("ports").Select(p => p.Text("port")));
                Assert.True(web.Items("from").Any());
                continue;
            }
            Assert.True(web.Items("from").Any(), $"{policy}: 8080/8081 open to every address (only the gateway may be)");
            Assert.All(web.Items("from"), peer => Assert.Null(peer.At("namespaceSelector")));
            // Only video-alert has another ingress rule: its SIP port, nothing else.
            foreach (var other in ingress.Where(r => !r.Equals(web)))
                Assert.All(other.Items("ports"), p => Assert.Equal("5060", p.Text("port")));
            if (!policy.Name.StartsWith("video-alert")) Assert.Single(ingress);

            var egressPorts = policy.Object.Items("spec", "egress").SelectMany(r => r.Items("ports")).Select(p => p.Text("port")).ToHashSet();
            Assert.Superset(new HashSet<string?> { "53", "5432", "5672", "8080", "8081" }, egressPorts);
        }
    }

    [Fact]
    public void Each_migration_Job_has_its_own_NetworkPolicy_created_before_it_taking_nothing_in_and_reaching_only_dns_and_the_database()
    {
        ChartTools.RequireTools(rendered.Missing);
        var jobs = rendered.OfKind("Job").ToList();
        Assert.NotEmpty(jobs);
        foreach (var job in jobs)
        {
            var podLabels = job.Object.At("spec", "template", "metadata", "labels")!.Value.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString());
            // Exactly one policy of the rendering selects the Job's pods, and it is the Job's own.
            var selecting = rendered.OfKind("NetworkPolicy").Where(p => p.Source == job.Source
                && p.Object.At("spec", "podSelector", "matchLabels")!.Value.EnumerateObject().All(l => podLabels.GetValueOrDefault(l.Name) == l.Value.GetString())).ToList();
            var policy = Assert.Single(selecting);
            Assert.Equal(job.Name, policy.Name);
            Assert.True(ForMigration(policy), $"{policy} selects the Job's pods without naming the migration component");

            Assert.Equal(["Egress", "Ingress"], policy.Object.Items("spec", "policyTypes").Select(t => t.GetString()).Order());
            Assert.Empty(policy.Object.Items("spec", "ingress"));
            var egress = policy.Object.Items("spec", "egress").ToList();
            Assert.Equal(2, egress.Count);
            Assert.Equal(["53", "53"], egress[0].Items("ports").Select(p => p.Text("port")));
            Assert.Equal("kube-dns", egress[0].Items("to").Single().Text("podSelector", "matchLabels", "k8s-app"));
            Assert.Equal(["5432"], egress[1].Items("ports").Select(p => p.Text("port")));
            // The database's peers are the serving policy's: production values narrow both at once.
            var serving = rendered.OfKind("NetworkPolicy").Single(p => p.Source == job.Source && p.Name == job.Name[..^"-migrate".Length]);
            var databaseRule = serving.Object.Items("spec", "egress").Single(r => r.Items("ports").Any(p => p.Text("port") == "5432"));
            Assert.Equal(databaseRule.At("to")?.ToString(), egress[1].At("to")?.ToString());
            if (job.Source.Contains("prod")) Assert.Equal("10.20.0.0/24", egress[1].Items("to").Single().Text("ipBlock", "cidr"));

            // A hook like the Job, and created before it: at install nothing of the release exists yet when the Job runs.
            var annotations = policy.Object.At("metadata", "annotations");
            Assert.Equal("pre-install,pre-upgrade", annotations?.Text("helm.sh/hook"));
            Assert.True(int.Parse(annotations!.Value.Text("helm.sh/hook-weight")!) < int.Parse(job.Object.Text("metadata", "annotations", "helm.sh/hook-weight")!),
                $"{policy} must be created before {job}");
            Assert.Equal("before-hook-creation,hook-succeeded", annotations.Value.Text("helm.sh/hook-delete-policy"));
        }
    }

    [Fact]
    public void The_gateway_reads_no_secret_and_reaches_only_dns_and_the_services_http_port()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var source in new[] { "gateway (default)", "gateway (prod values)", "overlay prod" })
        {
            var deployment = rendered.Objects.Single(o => o.Source == source && o.Kind == "Deployment" && o.Name == "gateway");
            var container = deployment.Object.Items("spec", "template", "spec", "containers").Single();
            Assert.Empty(container.Items("env"));
            Assert.DoesNotContain(rendered.Objects, o => o.Source == source && o.Name.StartsWith("gateway-migrate"));

            var policy = rendered.Objects.Single(o => o.Source == source && o.Kind == "NetworkPolicy" && o.Name == "gateway");
            var egress = policy.Object.Items("spec", "egress").Where(r => r.Items("ports").All(p => p.Text("port") != "4317")).ToList();
            Assert.Equal(["53", "53", "8080", "8080"], egress.SelectMany(r => r.Items("ports")).Select(p => p.Text("port")).Order());
            Assert.Equal("governance", egress.Last().Items("to").Single().Text("podSelector", "matchLabels", "app.kubernetes.io/part-of"));

            var config = rendered.Objects.Single(o => o.Source == source && o.Kind == "ConfigMap" && o.Name == "gateway").Object;
            Assert.Equal("http://video-alert:8080", config.Text("data", "Gateway__Services__videoalert"));
            Assert.Null(config.At("data", "Auth__Issuer")); // the services check tokens, not the gateway
        }
    }

    private static bool ForMigration(RenderedObject policy) =>
        policy.Object.Text("spec", "podSelector", "matchLabels", "app.kubernetes.io/component") == "migration";

    /// <summary>repository[:port]/path:tag[@sha256:...]: a tag is required.</summary>
    [GeneratedRegex(@"^[a-z0-9.\-/:]+?:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127})(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex ImageReference();

    /// <summary>Configuration names that hold credentials or keys in these services.</summary>
    [GeneratedRegex(@"(?i)(password|secret|encryptionkey|lookupkey|__key$|^connectionstrings__)")]
    private static partial Regex SecretName();

    /// <summary>A password in a connection string, credentials in a URL, or a PEM key.</summary>
    [GeneratedRegex(@"(?i)(password\s*=\s*[^;""\s]+|pwd\s*=|[a-z]+://[^/\s:@""]+:[^/\s@""]+@|-----BEGIN [A-Z ]*PRIVATE KEY)")]
    private static partial Regex SecretValue();
}
