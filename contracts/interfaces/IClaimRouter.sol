// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice One transaction that collects everything an account is owed across Gapless contracts.
/// @dev Every leg pays `account` directly; the router never holds funds and keeps no state.
interface IClaimRouter {
    /// @notice A distributor claim leg: a cumulative leaf and its proof against the distributor's active root.
    struct DistributorClaim {
        address distributor;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    /// @notice A Split release leg: the account's leaf in the Split's payee tree and the tokens to release.
    struct SplitRelease {
        address split;
        address[] tokens;
        uint96 share;
        uint256 totalShares;
        bytes32 salt;
        bytes32[] proof;
    }

    /// @notice A growth-pool leg: the tokens (address(0) is ETH) to claim from `pool`.
    struct GrowthClaim {
        address pool;
        address[] tokens;
    }

    /// @notice One account's legs in a batch (`claimAllFor`): everything is paid to `account` itself.
    struct ClaimRequest {
        address account;
        address[] hubs;
        DistributorClaim[] claims;
        SplitRelease[] releases;
        GrowthClaim[] growth;
    }

    /// @dev A leg reverted and was skipped; the other legs still ran. `kind` is 0 hub, 1 distributor, 2 split,
    /// 3 growth pool.
    event ClaimLegSkipped(address indexed account, uint8 indexed kind, address indexed target, bytes reason);

    /// @dev `caller` ran a batch of `accounts` requests through `claimAllFor`; `skippedLegs` legs were skipped
    /// (each with its own `ClaimLegSkipped`).
    event BatchClaimed(address indexed caller, uint256 accounts, uint256 skippedLegs);

    /// @dev `strict` was set and a leg reverted; carries the leg's revert data.
    error ClaimRouterLegFailed(uint8 kind, address target, bytes reason);

    /// @dev Request `index` of a batch names the zero address as its account.
    error ClaimRouterZeroAccount(uint256 index);

    /// @dev A batch leg failed with less than `legGas` available to it (the caller sent too little gas), so it is not
    /// skipped as if it had failed on its own: the whole batch reverts and nothing is lost.
    error ClaimRouterLegStarved(address account, uint8 kind, address target, uint256 legGas);

    /// @notice Withdraws `account`'s referral balance from each hub, claims each distributor leaf and releases each
    /// Split share, all paid to `account`. Callable by anyone (a relayer may pay the gas).
    /// @param strict When true any failing leg reverts the whole call; when false it is skipped with an event.
    function claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict
    ) external;

    /// @notice `claimAll`, then for each growth pool: credits the account's new hub units and claims its earnings in
    /// the given tokens, all paid to `account`.
    function claimAllWithGrowth(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        GrowthClaim[] calldata growth,
        bool strict
    ) external;

    /// @notice Runs `claimAllWithGrowth` (not strict) for each request in one transaction, for many accounts: each
    /// request's legs pay that request's account, never the caller. Callable by anyone (a relayer batching payouts).
    /// @dev Each leg gets at most `legGas` gas, so a hostile target or payee (one that burns all gas it is given)
    /// fails only its own leg and the rest of the batch still runs. A failing leg is skipped with `ClaimLegSkipped`,
    /// unless the caller's gas starved it (`ClaimRouterLegStarved`).
    /// @param legGas The most gas any one leg may use; a leg that needs more is skipped.
    /// @return skippedLegs How many legs were skipped.
    function claimAllFor(ClaimRequest[] calldata requests, uint256 legGas) external returns (uint256 skippedLegs);
}
