namespace Adrn.Synthetic.Register;

/// <summary>The parts of a registered company name and the composed name.</summary>
internal sealed record CompanyName(string Stem, string Word, string? Qualifier, string LegalForm, string Registered);
