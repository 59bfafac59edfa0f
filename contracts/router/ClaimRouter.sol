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
/// trust: it cannot redirect anything, it only saves the account (or its relayer) transactions. `claimAllFor` batches
/// many accounts in one transaction for a relayer paying everyone's gas.
contract ClaimRouter is IClaimRouter {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint8 internal constant _KIND_HUB = 0;
    uint8 internal constant _KIND_DISTRIBUTOR = 1;
    uint8 internal constant _KIND_SPLIT = 2;
    uint8 internal constant _KIND_GROWTH = 3;
    /// @dev `legGas` of the single-account entry points: each leg may use all the gas left.
    uint256 internal constant _NO_CAP = type(uint256).max;

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
        _claimAll(account, hubs, claims, releases, strict, _NO_CAP);
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
        _claimAll(account, hubs, claims, releases, strict, _NO_CAP);
        _growth(account, growth, strict, _NO_CAP);
    }

    /// @inheritdoc IClaimRouter
    /// @dev The router keeps no state and holds nothing, so a target calling back into it gains nothing; every
    /// target checks its own books. Requests naming the same account twice only find nothing left the second time.
    function claimAllFor(ClaimRequest[] calldata requests, uint256 legGas) external returns (uint256 skippedLegs) {
        for (uint256 i; i < requests.length; ++i) {
            ClaimRequest calldata r = requests[i];
            if (r.account == address(0)) revert ClaimRouterZeroAccount(i);
            skippedLegs += _claimAll(r.account, r.hubs, r.claims, r.releases, false, legGas);
            skippedLegs += _growth(r.account, r.growth, false, legGas);
        }
        emit BatchClaimed(msg.sender, requests.length, skippedLegs);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    function _claimAll(
        address account,
        address[] calldata hubs,
        DistributorClaim[] calldata claims,
        SplitRelease[] calldata releases,
        bool strict,
        uint256 legGas
    ) internal returns (uint256 skipped) {
        for (uint256 i; i < hubs.length; ++i) {
            skipped += _leg(
                account,
                _KIND_HUB,
                hubs[i],
                abi.encodeCall(ISubscriptionHub.withdraw, (account)),
                strict,
                legGas
            );
        }
        for (uint256 i; i < claims.length; ++i) {
            DistributorClaim calldata c = claims[i];
            bytes memory data = abi.encodeCall(IDistributor.claim, (account, c.cumulativeAmount, c.proof));
            skipped += _leg(account, _KIND_DISTRIBUTOR, c.distributor, data, strict, legGas);
        }
        for (uint256 i; i < releases.length; ++i) {
            SplitRelease calldata r = releases[i];
            bytes memory data = abi.encodeCall(
                ISplit.releaseTokens,
                (r.tokens, account, r.share, r.totalShares, r.salt, r.proof)
            );
            skipped += _leg(account, _KIND_SPLIT, r.split, data, strict, legGas);
        }
    }

    function _growth(
        address account,
        GrowthClaim[] calldata growth,
        bool strict,
        uint256 legGas
    ) internal returns (uint256 skipped) {
        for (uint256 i; i < growth.length; ++i) {
            GrowthClaim calldata g = growth[i];
            bytes memory sync = abi.encodeCall(IGrowthPool.sync, (account));
            skipped += _leg(account, _KIND_GROWTH, g.pool, sync, strict, legGas);
            bytes memory claim = abi.encodeCall(IGrowthPool.claim, (account, g.tokens));
            skipped += _leg(account, _KIND_GROWTH, g.pool, claim, strict, legGas);
        }
    }

    /// @dev Runs one leg as a plain call whose return data is never decoded, so a target with no code (a Split paid
    /// before it is created) or one returning malformed data fails only its own leg, never the whole transaction.
    /// A call to an address without code "succeeds" at the EVM level, so it is treated as failed with empty reason.
    /// With a cap (`legGas` not `_NO_CAP`) the leg gets at most `legGas`; a failed leg left with under 1/64 of the
    /// cap (EIP-150) may have failed for want of the caller's gas, not on its own, so the batch reverts instead.
    /// @return skipped 1 when the leg failed and was skipped, else 0.
    function _leg(
        address account,
        uint8 kind,
        address target,
        bytes memory data,
        bool strict,
        uint256 legGas
    ) internal returns (uint256 skipped) {
        if (target.code.length == 0) return _skip(account, kind, target, "", strict);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = target.call{gas: legGas == _NO_CAP ? gasleft() : legGas}(data);
        if (ok) return 0;
        if (legGas != _NO_CAP && gasleft() <= legGas / 63) revert ClaimRouterLegStarved(account, kind, target, legGas);
        return _skip(account, kind, target, reason, strict);
    }

    function _skip(
        address account,
        uint8 kind,
        address target,
        bytes memory reason,
        bool strict
    ) internal returns (uint256) {
        if (strict) revert ClaimRouterLegFailed(kind, target, reason);
        emit ClaimLegSkipped(account, kind, target, reason);
        return 1;
    }
}
