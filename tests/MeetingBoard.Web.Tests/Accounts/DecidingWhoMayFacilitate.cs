using MeetingBoard.Web.Features.Accounts;

namespace MeetingBoard.Web.Tests.Accounts;

/// <summary>The organisation's rule, as a pure decision: who that a provider signed in may run meetings.</summary>
public sealed class DecidingWhoMayFacilitate
{
    static ProviderPerson Person(string email = "sam@northshire.gov.uk", bool verified = true, string[]? groups = null, string? subject = "s1") =>
        new(subject, "Sam", email, verified, groups ?? [], GroupsLeftOut: false);

    static readonly ProviderOptions Domain = new() { AllowedEmailDomains = ["northshire.gov.uk"] };
    static readonly ProviderOptions Group = new() { AllowedGroups = ["facilitators"] };
    static readonly ProviderOptions Both = new() { AllowedEmailDomains = ["northshire.gov.uk"], AllowedGroups = ["facilitators"] };

    [Fact]
    public void AnEmailInTheDomainIsAllowed() => Assert.Equal(Access.Allowed, WhoMayFacilitate.Decide(Domain, Person("Sam@NorthShire.gov.uk")));

    [Theory]
    [InlineData("sam@evil-northshire.gov.uk")]
    [InlineData("sam@northshire.gov.uk.evil.example")]
    [InlineData("sam@mail.northshire.gov.uk")]
    [InlineData("northshire.gov.uk@evil.example")]
    public void ALookalikeDomainIsNot(string email) => Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(Domain, Person(email)));

    [Fact]
    public void AnEmailTheProviderHasNotVerifiedMatchesNoDomain() =>
        Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(Domain, Person(verified: false)));

    [Fact]
    public void OneOfTheGroupsIsEnough()
    {
        Assert.Equal(Access.Allowed, WhoMayFacilitate.Decide(Group, Person("ria@nhs.example", groups: ["estates", "facilitators"])));
        Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(Group, Person("tom@nhs.example", groups: ["estates"])));
    }

    [Fact]
    public void WithBothListsBothMustMatch()
    {
        Assert.Equal(Access.Allowed, WhoMayFacilitate.Decide(Both, Person(groups: ["facilitators"])));
        Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(Both, Person()));
        Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(Both, Person("ria@nhs.example", groups: ["facilitators"])));
    }

    [Fact]
    public void NoListAndNoAllowEveryoneLetsNobodyIn()
    {
        Assert.Equal(Access.NotAllowed, WhoMayFacilitate.Decide(new ProviderOptions(), Person()));
        Assert.Equal(Access.Allowed, WhoMayFacilitate.Decide(new ProviderOptions { AllowEveryone = true }, Person("anyone@anywhere.example")));
    }

    [Fact]
    public void WithoutASubjectOrAnEmailTheAnswerIsIncomplete()
    {
        Assert.Equal(Access.Incomplete, WhoMayFacilitate.Decide(Domain, Person(subject: null)));
        Assert.Equal(Access.Incomplete, WhoMayFacilitate.Decide(Domain, Person(email: "")));
    }

    [Fact]
    public void SettingsThatWouldLetNobodyOrAnybodyInStopTheStart()
    {
        static string Refusal(SignInOptions o) => Assert.Throws<InvalidOperationException>(() => ProviderSignIn.Validate(o)).Message;
        var good = new ProviderOptions { Authority = "https://login.example/tenant/v2.0", ClientId = "c", ClientSecret = "s", AllowedEmailDomains = ["x.example"] };
        ProviderSignIn.Validate(new SignInOptions { Providers = { ["council"] = good } });
        Assert.Contains("nobody could sign in", Refusal(new SignInOptions { LocalAccounts = false }));
        Assert.Contains("AllowedEmailDomains and/or AllowedGroups", Refusal(new SignInOptions { Providers = { ["council"] = new ProviderOptions { Authority = good.Authority, ClientId = "c", ClientSecret = "s" } } }));
        Assert.Contains("lower-case letters", Refusal(new SignInOptions { Providers = { ["Council One"] = good } }));
        Assert.Contains("exactly one of ClientSecret and ClientCertificatePath", Refusal(new SignInOptions { Providers = { ["council"] = new ProviderOptions { Authority = good.Authority, ClientId = "c", AllowEveryone = true } } }));
    }
}

/// <summary>
/// The statement a client signs with its certificate instead of sending a secret (RFC 7523). The
/// test provider authenticates by secret, so this checks the statement itself as a provider would.
/// </summary>
public sealed class ProvingTheClientWithACertificate
{
    [Fact]
    public async Task TheAssertionIsSignedByTheCertificateAndNamesTheClientAndTheTokenEndpoint()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=MeetingBoard test client", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var assertion = ProviderSignIn.ClientAssertion("meetingboard", "https://login.example/tenant/oauth2/v2.0/token", certificate);

        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(assertion, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = "meetingboard",
            ValidAudience = "https://login.example/tenant/oauth2/v2.0/token",
            IssuerSigningKey = new Microsoft.IdentityModel.Tokens.X509SecurityKey(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert))),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)result.SecurityToken;
        Assert.Equal("meetingboard", token.Subject);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.True(token.ValidTo <= DateTime.UtcNow.AddMinutes(3));
        // Entra ID finds the certificate by its thumbprint in the header.
        Assert.True(token.TryGetHeaderValue<string>("x5t", out var x5t) && x5t.Length > 0);
    }
}
