// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClaimRouter} from "../interfaces/IClaimRouter.sol";
import {IDistributor} from "../interfaces/IDistributor.sol";
import {IGrowthPool} from "../interfaces/IGrowthPool.sol";
import {ISplit} from "../interfaces/ISplit.sol";
import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";

/// @title ClaimRouter
/// @notice Stateless "claim all": one transaction collects an account's hub referral balances, distributor claims,
/// Split shares and growth-pool earnings. Each target pays the account itself, so this contract never holds or forwards funds and needs no
/// trust: it cannot redirect anything, it only saves the account (or its relayer) transactions.
contract ClaimRouter is IClaimRouter {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint8 internal constant _KIND_HUB = 0;
    uint8 internal constant _KIND_DISTRIBUTOR = 1;
    uint8 internal constant _KIND_SPLIT = 2;
    uint8 internal constant _KIND_GROWTH = 3;

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClaimRouter
    function claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict
    ) external {
        _claimAll(account, hubs, claims, releases, strict);
    }

    /// @inheritdoc IClaimRouter
    /// @dev Growth legs sync the account's hub units first (so they count for the next deposit), then claim.
    function claimAllWithGrowth(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        GrowthClaim[] calldata growth,
        bool strict
    ) external {
        _claimAll(account, hubs, claims, releases, strict);
        for (uint256 i; i < growth.length; ++i) {
            GrowthClaim calldata g = growth[i];
            _leg(account, _KIND_GROWTH, g.pool, abi.encodeCall(IGrowthPool.sync, (account)), strict);
            _leg(account, _KIND_GROWTH, g.pool, abi.encodeCall(IGrowthPool.claim, (account, g.tokens)), strict);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    function _claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict
    ) internal {
        for (uint256 i; i < hubs.length; ++i) {
            _leg(account, _KIND_HUB, hubs[i], abi.encodeCall(ISubscriptionHub.withdraw, (account)), strict);
        }
        for (uint256 i; i < claims.length; ++i) {
            DistributorClaim calldata c = claims[i];
            bytes memory data = abi.encodeCall(IDistributor.claim, (account, c.cumulativeAmount, c.proof));
            _leg(account, _KIND_DISTRIBUTOR, c.distributor, data, strict);
        }
        for (uint256 i; i < releases.length; ++i) {
            SplitRelease calldata r = releases[i];
            bytes memory data = abi.encodeCall(
                ISplit.releaseTokens,
                (r.tokens, account, r.share, r.totalShares, r.salt, r.proof)
            );
            _leg(account, _KIND_SPLIT, r.split, data, strict);
        }
    }

    /// @dev Runs one leg as a plain call whose return data is never decoded, so a target with no code (a Split paid
    /// before it is created) or one returning malformed data fails only its own leg, never the whole transaction.
    /// A call to an address without code "succeeds" at the EVM level, so it is treated as failed with empty reason.
    function _leg(address account, uint8 kind, address target, bytes memory data, bool strict) internal {
        if (target.code.length == 0) return _skip(account, kind, target, "", strict);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) _skip(account, kind, target, reason, strict);
    }

    function _skip(address account, uint8 kind, address target, bytes memory reason, bool strict) internal {
        if (strict) revert ClaimRouterLegFailed(kind, target, reason);
        emit ClaimLegSkipped(account, kind, target, reason);
    }
}
