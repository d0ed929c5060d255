param(
    [string]$Environment = "prod"
)

$ErrorActionPreference = "Stop"
$storageAccount = "ordersbackups$Environment"
$env:AZURE_STORAGE_KEY = "p9Lq2XvR7mK4zT8wN3bC6yH1dF5gJ0aE2iU7oS4xW9rV3tM6nB8kL1qZ5hD2fG=="
$securePassword = ConvertTo-SecureString "Wr5!nK8vQm2x" -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential ("svc-backup", $securePassword)
$dbPassword = (Get-AzKeyVaultSecret -VaultName "orders-kv" -Name "db-password" -AsPlainText)

Invoke-Sqlcmd -ServerInstance "orders-sql" -Username "backup" -Password $dbPassword -Query "BACKUP DATABASE orders TO URL = 'https://$storageAccount.blob.core.windows.net/sql/orders.bak'"
Invoke-RestMethod -Uri "https://status.internal/api/backups" -Method Post -Headers @{ Authorization = "Bearer 3c9f1a7e5b2d8c4f6a0e9b1d7c3a5f8e" }
