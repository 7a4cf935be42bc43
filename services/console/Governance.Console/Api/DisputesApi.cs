namespace Governance.Console.Api;

/// <summary>
/// Mediation's REST API as the disputes pages call it (with the user's token, through <see cref="ServicesApi"/>): the queue,
/// one case with its parties masked, history, sessions, the agreement, the audited reveal of a contact, and the work steps.
/// Mediation checks every call again (permission, org, state); a refusal comes back in its words.
/// </summary>
public sealed class DisputesApi(ServicesApi api)
{
    private const string Cases = "/api/mediation/cases";

    public Task<ApiResult<List<DisputeCase>>> QueueAsync(string? state, string? level, string? category) =>
        api.GetAsync<List<DisputeCase>>($"{Cases}?limit=200{Query("state", state)}{Query("level", level)}{Query("category", category)}");

    public Task<ApiResult<DisputeCaseDetail>> CaseAsync(Guid id) => api.GetAsync<DisputeCaseDetail>($"{Cases}/{id}");

    public Task<ApiResult<List<DisputeStep>>> HistoryAsync(Guid id) => api.GetAsync<List<DisputeStep>>($"{Cases}/{id}/history");

    public Task<ApiResult<List<DisputeSession>>> SessionsAsync(Guid id) => api.GetAsync<List<DisputeSession>>($"{Cases}/{id}/sessions");

    public Task<ApiResult<DisputeAgreement>> AgreementAsync(Guid id) => api.GetAsync<DisputeAgreement>($"{Cases}/{id}/agreement");

    public Task<ApiResult<List<MediatorSuggestion>>> SuggestionsAsync(Guid id) => api.GetAsync<List<MediatorSuggestion>>($"{Cases}/{id}/suggested-mediators");

    /// <summary>One party's contact in clear, for a purpose (mediation's codes); mediation audits who, when and why.</summary>
    public Task<ApiResult<RevealedContact>> RevealAsync(Guid id, Guid partyId, string purpose, string? note) =>
        api.PostAsync<RevealedContact>($"{Cases}/{id}/parties/{partyId}/reveal-contact", new { purpose, note });

    public Task<ApiResult<DisputeParty>> AddPartyAsync(Guid id, string kind, string role, string name, string? contact) =>
        api.PostAsync<DisputeParty>($"{Cases}/{id}/parties", new { kind, role, name, contact });

    /// <summary>A work step (assign, sessions, outcome, follow-ups, ...) with its request body.</summary>
    public Task<ApiResult<DisputeStepResult>> StepAsync(Guid id, string step, object body) => api.PostAsync<DisputeStepResult>($"{Cases}/{id}/{step}", body);

    /// <summary>Whether grid's category is a dispute (which the centre hands over to mediation instead of dispatching).</summary>
    public async Task<bool> IsDisputeCategoryAsync(string code) =>
        (await api.GetAsync<GridCategoryKinds>("/api/grid/categories")).Value?.Categories.Any(c => c.Code == code && c.IsDispute) == true;

    private static string Query(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"&{name}={Uri.EscapeDataString(value)}";
}
